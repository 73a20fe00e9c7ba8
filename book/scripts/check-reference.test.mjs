// Tests of check-reference.mjs: it passes on the repository, and it fails when its rule
// breaks (a public name without an entry; an entry naming nothing), on temporary copies
// of the headers and of the Reference that each test makes itself.
//
//   node --test book/scripts/
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { DEFAULT_INCLUDE, DEFAULT_REFERENCE, collectPublicNames, parseHeader } from './check-reference.mjs';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'check-reference.mjs');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'check-reference-'));
after(() => fs.rmSync(TMP, { recursive: true, force: true }));

function run(...args) {
    const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copyOf(dir, name) {
    const to = path.join(TMP, name);
    fs.cpSync(dir, to, { recursive: true });
    return to;
}

test('passes on the repository: every public name has an entry, every entry names one', () => {
    const r = run();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /all \d+ public names/);
});

test('fails when the headers gain a public function the Reference lacks', () => {
    const include = copyOf(DEFAULT_INCLUDE, 'include-added');
    const header = path.join(include, 'chan', 'channel.hpp');
    fs.appendFileSync(
        header,
        '\nnamespace chan {\n// Not documented yet.\ntemplate <class T>\nstd::size_t backlog(const receiver<T>& rx) { return rx.size(); }\n}  // namespace chan\n',
    );
    const r = run('--include', include);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /public names with no entry in .*: 1\n/);
    assert.match(r.stderr, /^ {2}chan::backlog {2}\(function, chan\/channel\.hpp:\d+\)$/m);
});

test('does not count what is not public: detail namespaces, private members, comments', () => {
    const include = copyOf(DEFAULT_INCLUDE, 'include-hidden');
    fs.appendFileSync(
        path.join(include, 'chan', 'channel.hpp'),
        [
            '',
            'namespace chan::detail { inline int helper() { return 1; } }',
            'namespace chan {',
            '// inline int only_in_a_comment();',
            'inline const char* text = "inline int only_in_a_string() { }";',
            'class widget_for_test { int hidden(); protected: void also_hidden(); };',
            '}',
            '',
        ].join('\n'),
    );
    const names = collectPublicNames(include);
    assert.ok(names.has('text'));
    assert.ok(names.has('widget_for_test'));
    for (const n of ['detail::helper', 'helper', 'only_in_a_comment', 'only_in_a_string', 'widget_for_test::hidden', 'widget_for_test::also_hidden'])
        assert.ok(!names.has(n), `${n} should not be public`);
    const r = run('--include', include);
    assert.equal(r.status, 1);
    const listed = r.stderr.split('\n').filter((l) => l.startsWith('  chan::'));
    assert.deepEqual(listed.map((l) => l.trim().split(' ')[0]).sort(), ['chan::text', 'chan::widget_for_test']);
});

test('fails when an entry is removed from the Reference', () => {
    const reference = copyOf(DEFAULT_REFERENCE, 'reference-removed');
    const page = path.join(reference, 'channels.md');
    const text = fs.readFileSync(page, 'utf8');
    // Cut the entry of sender::try_send: its heading up to the next heading.
    const start = text.indexOf('### `sender::try_send`');
    assert.ok(start >= 0, 'channels.md has an entry for sender::try_send');
    const end = text.indexOf('\n### ', start + 1);
    fs.writeFileSync(page, text.slice(0, start) + text.slice(end + 1));
    const r = run('--reference', reference);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /public names with no entry in .*: 1\n {2}chan::sender::try_send {2}\(member function/);
    // The index still links to the entry that is gone.
    assert.match(r.stderr, /links in .* to an anchor that does not exist.*\n(?: {2}.*\n)* {2}index\.md:\d+: channels\.md#sender-try_send/);
});

test('an index row alone is not an entry', () => {
    const reference = copyOf(DEFAULT_REFERENCE, 'reference-index-only');
    const page = path.join(reference, 'time.md');
    const text = fs.readFileSync(page, 'utf8');
    // Rename the heading of chan::never so that only the index's link names it.
    fs.writeFileSync(page, text.replace('## `chan::never` {#never}', '## A receiver that never receives {#never}'));
    const r = run('--reference', reference);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^ {2}chan::never {2}\(function/m);
});

test('fails when an entry names something the headers do not declare', () => {
    const reference = copyOf(DEFAULT_REFERENCE, 'reference-stale');
    fs.appendFileSync(
        path.join(reference, 'channels.md'),
        '\n### `sender::teleport` {#sender-teleport}\n\nGone since the last release.\n\n| Member | |\n| --- | --- |\n| `chan::trace::event::colour` | Never existed. |\n',
    );
    const r = run('--reference', reference);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /entries in .* that name no public name of the headers: 2\n/);
    assert.match(r.stderr, /channels\.md:\d+: `sender::teleport`/);
    assert.match(r.stderr, /channels\.md:\d+: `chan::trace::event::colour`/);
    assert.doesNotMatch(r.stderr, /public names with no entry/);
});

test('fails when a documented function is removed from the headers', () => {
    const include = copyOf(DEFAULT_INCLUDE, 'include-removed');
    const header = path.join(include, 'chan', 'time.hpp');
    const text = fs.readFileSync(header, 'utf8');
    const start = text.indexOf('// A receiver that never gets a message.');
    const end = text.indexOf('}\n', text.indexOf('never_channel', start)) + 2;
    assert.ok(start >= 0 && end > start);
    fs.writeFileSync(header, text.slice(0, start) + text.slice(end));
    const r = run('--include', include);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /entries in .* that name no public name of the headers/);
    assert.match(r.stderr, /time\.md:\d+: `chan::never`/);
});

test('reads members inherited from detail bases and reached through aliases', () => {
    const header = `
        namespace lib {
        namespace detail {
        template <class T> class base {
        public:
            using value_type = T;
            bool close() const noexcept { return true; }
            friend bool operator==(const base&, int) noexcept { return false; }
        protected:
            void internal();
        };
        struct impl { struct reader { int poll(); }; };
        }  // namespace detail
        template <class T>
        class handle : public detail::base<T> {
            using base = detail::base<T>;
        public:
            handle() noexcept = default;
            explicit operator bool() const noexcept { return true; }
            template <class Rep> int wait_for(Rep r) const { return r > 0 ? 1 : 0; }
        private:
            void run();
        };
        using reader = detail::impl::reader;
        enum class colour : unsigned char { red, green = 2 };
        inline constexpr int answer = 42;
        }
    `;
    const parsed = parseHeader(header, 'test.hpp');
    const visible = parsed.names.filter((n) => !n.hidden).map((n) => n.qname.join('::'));
    assert.deepEqual(visible.sort(), [
        'lib::answer',
        'lib::colour',
        'lib::colour::green',
        'lib::colour::red',
        'lib::handle',
        'lib::handle::operator bool',
        'lib::handle::wait_for',
        'lib::reader',
    ]);
    const handle = parsed.classes.find((c) => c.name === 'handle');
    assert.deepEqual(handle.bases, [{ name: ['detail', 'base'], access: 'public' }]);

    // Through collectPublicNames (it reads a folder, and names relative to `chan`).
    const dir = path.join(TMP, 'include-lib', 'chan');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'lib.hpp'), header.replace(/namespace lib/, 'namespace chan'));
    const names = [...collectPublicNames(path.join(TMP, 'include-lib')).keys()].sort();
    assert.deepEqual(names, [
        'answer',
        'colour',
        'colour::green',
        'colour::red',
        'handle',
        'handle::close',
        'handle::operator bool',
        'handle::operator==',
        'handle::value_type',
        'handle::wait_for',
        'reader',
        'reader::poll',
    ]);
});

test('a usage error exits 2', () => {
    const r = run('--include', path.join(TMP, 'no-such-folder'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no headers at/);
});
