#!/usr/bin/env node
// Checks that the book's Reference (book/reference/*.md) has an entry for every public
// name of the chan headers (include/chan), and no entry for a name that is gone.
//
//   node book/scripts/check-reference.mjs [--include DIR] [--reference DIR] [--list] [--quiet]
//
//   --include DIR    the headers' root, the folder holding chan/ or chan's own folder
//                    (default: include/ of this repository)
//   --reference DIR  the Reference's pages (default: book/reference/)
//   --list           print every public name found, with where it is declared
//   --quiet          print nothing when all is well
//
// Exit status: 0 when every public name has an entry and every entry names a public
// name; 1 otherwise, with the lists "public names with no entry in book/reference",
// "entries in book/reference that name no public name" and "links in book/reference
// to an anchor that does not exist"; 2 on a usage or parse error. Node 20, no npm
// packages.
//
// ---- What counts as a public name (a heuristic over the source, not a compiler) ----
//
// Every *.hpp under chan/ is read, detail/ included: a few public names live there
// (chan::clock, chan::instant, chan::source_location in detail/config.hpp,
// chan::select_error in detail/select_engine.hpp), so the namespace decides, not the
// folder. Each file is cleaned (comments, string and character literals and
// preprocessor lines removed; both branches of an #if are read, and names they share
// count once), cut into tokens, and walked with a stack of scopes:
//   - namespaces: a namespace named `detail` (at any depth) or an unnamed namespace
//     hides everything in it;
//   - classes and structs (access starts private in a class, public in a struct;
//     `public:` / `private:` / `protected:` switch it): a class's name is public when
//     its scope is; its members are public when the class is and they are declared
//     in a public section. A partial or explicit specialisation (`struct X<...>`)
//     declares no new name;
//   - enums: the enum and each of its enumerators (`status::ok`);
//   - at namespace scope: free functions, variables and constants, type aliases
//     (`using X = ...;`), concepts, classes, enums;
//   - in a public class: member functions (operators and conversion operators too,
//     named `operator==`, `operator bool`), static functions, hidden friends defined
//     in the class, data members, member type aliases, nested classes and enums.
//     Constructors, destructors and assignment operators are part of their class's
//     entry, not names of their own; so are deduction guides. Out-of-class
//     definitions (`X::f`) and friend declarations without a body declare nothing new.
//   - inheritance: a public class that derives publicly from a class of these headers
//     (typically a `detail` base such as detail::handle_base) has that base's public
//     members as its own (`sender::close` comes from detail::handle_base): the reader
//     calls them on the derived class, so they need an entry there.
//   - a type alias at namespace scope whose target is a class of these headers
//     (`trace::reader = detail::recorder::reader`) has that class's public members
//     (`trace::reader::poll`). Member type aliases (`receiver::iterator`) are names,
//     but their targets' members are not followed (iterator protocol, not API).
// Macros are not names (CHAN_HOT_PATH and friends are implementation macros).
// Namespaces (chan::trace, chan::trace::json_format) need no entry, but the Reference
// may name them.
// Overloads share one name. Names are written relative to `chan::`
// (`sender::try_send`, `trace::start`); `chan::` in front is optional everywhere.
//
// ---- What counts as an entry ----
//
// In book/reference/*.md, outside fenced code blocks:
//   - every inline code span in a heading (`### \`chan::bounded\``, or several:
//     `### \`sender::close\` · \`receiver::close\``);
//   - every inline code span in the first cell of a table row that is not inside a
//     link (enumerators and data members are documented in tables). Links, such as
//     the index's table of every name, are not entries: an index row alone does not
//     document a name.
// A code span names a public name after normalising: an optional `chan::` prefix,
// template arguments (`never<T>`) and a trailing `()` are dropped. Spans that do not
// look like a chan name (not `chan::...` and not starting with a public top-level
// name, e.g. `CHAN_TRACE` or `std::size_t`) are ignored: write entries relative to
// `chan::` (`trace::kind::send_done`, not `kind::send_done`). An entry is reported as
// naming nothing when it looks like a chan name that the headers do not declare; so
// is a linked code span (anywhere) that looks like one.
// Links between reference pages (`./channels#sender-try_send`, `#anchor`) must hit a
// heading's anchor: its `{#custom-id}` or VitePress's slug of its text; and no two
// headings of a page may have the same anchor (VitePress would rename the second).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(SCRIPT_DIR, '..', '..');
export const DEFAULT_INCLUDE = path.join(REPO, 'include');
export const DEFAULT_REFERENCE = path.join(REPO, 'book', 'reference');

export class CheckError extends Error {}

// ---------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------

// The source without comments, string/character literals and preprocessor lines;
// newlines are kept so that token lines stay right.
export function cleanSource(src) {
    let out = '';
    let i = 0;
    const n = src.length;
    let atLineStart = true; // only whitespace since the last newline
    while (i < n) {
        const c = src[i];
        const next = src[i + 1];
        if (c === '\n') {
            out += '\n';
            atLineStart = true;
            i++;
            continue;
        }
        if (atLineStart && c === '#') {
            // A preprocessor line, with its continuations (comments inside it end it
            // early only at a newline, which is all we need).
            while (i < n && src[i] !== '\n') {
                if (src[i] === '\\' && src[i + 1] === '\n') {
                    out += '\n';
                    i += 2;
                    continue;
                }
                if (src[i] === '/' && src[i + 1] === '*') {
                    const end = src.indexOf('*/', i + 2);
                    const stop = end < 0 ? n : end + 2;
                    out += src.slice(i, stop).replace(/[^\n]/g, '');
                    i = stop;
                    continue;
                }
                i++;
            }
            continue;
        }
        if (c === '/' && next === '/') {
            while (i < n && src[i] !== '\n') i++;
            continue;
        }
        if (c === '/' && next === '*') {
            const end = src.indexOf('*/', i + 2);
            const stop = end < 0 ? n : end + 2;
            out += src.slice(i, stop).replace(/[^\n]/g, '') + ' ';
            i = stop;
            continue;
        }
        if (c === 'R' && next === '"' && !/[\w]/.test(src[i - 1] || '')) {
            // Raw string literal R"delim( ... )delim"
            const open = src.indexOf('(', i + 2);
            const delim = src.slice(i + 2, open);
            const close = src.indexOf(')' + delim + '"', open + 1);
            const stop = close < 0 ? n : close + delim.length + 2;
            out += '""' + src.slice(i, stop).replace(/[^\n]/g, '');
            i = stop;
            atLineStart = false;
            continue;
        }
        if (c === '"' || (c === "'" && !/[0-9A-Fa-f]/.test(src[i - 1] || ''))) {
            // A literal: skip to its closing quote, honouring escapes. A ' after a
            // digit is a digit separator (1'000), not a character literal.
            const quote = c;
            i++;
            while (i < n && src[i] !== quote && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
            i++;
            out += quote === '"' ? '""' : "' '";
            atLineStart = false;
            continue;
        }
        if (c === "'") {
            i++; // digit separator
            continue;
        }
        if (!/\s/.test(c)) atLineStart = false;
        out += c;
        i++;
    }
    return out;
}

const PUNCTUATORS = ['...', '::', '->', '==', '!=', '<=', '&&', '||', '++', '--', '<<', '+=', '-=', '*=', '/=', '|=', '&=', '^=', '%='];

// Tokens {t, line}. `>>` is left as two `>` (template argument lists close that way);
// `operator` and what it names become one token (`operator==`, `operator bool`).
export function tokenize(clean) {
    const raw = [];
    let line = 1;
    let i = 0;
    const n = clean.length;
    while (i < n) {
        const c = clean[i];
        if (c === '\n') {
            line++;
            i++;
            continue;
        }
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        const ident = /^[A-Za-z_]\w*/.exec(clean.slice(i, i + 256));
        if (ident) {
            raw.push({ t: ident[0], line });
            i += ident[0].length;
            continue;
        }
        const num = /^\.?\d(?:[\w.]|[eEpP][+-])*/.exec(clean.slice(i, i + 256));
        if (num) {
            raw.push({ t: num[0], line, num: true });
            i += num[0].length;
            continue;
        }
        const p = PUNCTUATORS.find((q) => clean.startsWith(q, i));
        raw.push({ t: p || c, line });
        i += p ? p.length : 1;
    }
    return mergeOperators(raw);
}

function mergeOperators(raw) {
    const out = [];
    for (let i = 0; i < raw.length; i++) {
        const tok = raw[i];
        if (tok.t !== 'operator') {
            out.push(tok);
            continue;
        }
        // operator() / operator[] / operator<symbols> / operator <conversion type>
        const a = raw[i + 1];
        if (!a) {
            out.push(tok);
            continue;
        }
        if ((a.t === '(' && raw[i + 2]?.t === ')') || (a.t === '[' && raw[i + 2]?.t === ']')) {
            out.push({ t: 'operator' + a.t + raw[i + 2].t, line: tok.line, op: true });
            i += 2;
            continue;
        }
        if (a.t === 'new' || a.t === 'delete') {
            out.push({ t: 'operator ' + a.t, line: tok.line, op: true });
            i += 1;
            continue;
        }
        if (!/^\w/.test(a.t) && a.t !== '(') {
            let sym = '';
            let j = i + 1;
            while (j < raw.length && raw[j].t !== '(' && !/^\w/.test(raw[j].t)) sym += raw[j++].t;
            out.push({ t: 'operator' + sym, line: tok.line, op: true });
            i = j - 1;
            continue;
        }
        // A conversion operator: the type runs to the parameter list.
        const type = [];
        let j = i + 1;
        while (j < raw.length && raw[j].t !== '(') type.push(raw[j++].t);
        out.push({ t: 'operator ' + joinTokens(type), line: tok.line, op: true });
        i = j - 1;
    }
    return out;
}

function joinTokens(list) {
    let s = '';
    for (const t of list) {
        const word = /^\w/.test(t);
        const prevWord = /\w$/.test(s);
        s += (word && prevWord ? ' ' : '') + t;
    }
    return s;
}

const isIdent = (t) => /^[A-Za-z_]\w*$/.test(t);

const KEYWORDS = new Set([
    'alignas', 'alignof', 'auto', 'bool', 'char', 'class', 'const', 'consteval', 'constexpr', 'constinit',
    'decltype', 'delete', 'double', 'enum', 'explicit', 'extern', 'false', 'float', 'friend', 'inline', 'int',
    'long', 'mutable', 'noexcept', 'nullptr', 'private', 'protected', 'public', 'return', 'short', 'signed',
    'sizeof', 'static', 'struct', 'template', 'this', 'thread_local', 'true', 'typename', 'union', 'unsigned',
    'using', 'virtual', 'void', 'volatile', 'default', 'requires', 'concept', 'final', 'override',
]);

// Calls whose parentheses are not a declarator's parameter list.
const NOT_PARAMETERS = new Set(['decltype', 'noexcept', 'alignas', 'alignof', 'sizeof', '__attribute__', '__declspec', 'requires', 'explicit', 'static_assert', '__has_include']);

// Removes leading `template <...>` heads and every `[[...]]` attribute.
function stripPrefixes(toks) {
    let list = [];
    for (let i = 0; i < toks.length; i++) {
        if (toks[i].t === '[' && toks[i + 1]?.t === '[') {
            let depth = 0;
            for (; i < toks.length; i++) {
                if (toks[i].t === '[') depth++;
                else if (toks[i].t === ']' && --depth === 0) break;
            }
            continue;
        }
        list.push(toks[i]);
    }
    for (;;) {
        if (list[0]?.t !== 'template' || list[1]?.t !== '<') break;
        let depth = 0;
        let i = 1;
        for (; i < list.length; i++) {
            if (list[i].t === '<') depth++;
            else if (list[i].t === '>' && --depth === 0) break;
            else if (list[i].t === '(') i = skipGroup(list, i, '(', ')');
        }
        list = list.slice(i + 1);
    }
    return list;
}

function skipGroup(list, i, open, close) {
    let depth = 0;
    for (; i < list.length; i++) {
        if (list[i].t === open) depth++;
        else if (list[i].t === close && --depth === 0) return i;
    }
    return list.length - 1;
}

// Index of the first top-level `t` (outside (), [], and template argument lists), or -1.
function topLevelIndex(toks, pred) {
    let paren = 0;
    let angle = 0;
    for (let i = 0; i < toks.length; i++) {
        const t = toks[i].t;
        if (paren === 0 && angle === 0 && pred(t, i)) return i;
        if (t === '(' || t === '[') paren++;
        else if (t === ')' || t === ']') paren--;
        else if (paren === 0 && t === '<' && i > 0 && (isIdent(toks[i - 1].t) || toks[i - 1].t === '::') && !toks[i - 1].op) angle++;
        else if (paren === 0 && t === '>' && angle > 0) angle--;
    }
    return -1;
}

// The declarator's parameter list: index of its `(`, or -1.
function parameterListIndex(toks) {
    return topLevelIndex(toks, (t, i) => t === '(' && !(i > 0 && NOT_PARAMETERS.has(toks[i - 1].t)));
}

function isFunctionDeclaration(toks) {
    const paren = parameterListIndex(toks);
    if (paren < 1) return false;
    const eq = topLevelIndex(toks, (t) => t === '=' || t === '{}');
    if (eq >= 0 && eq < paren) return false;
    const before = toks[paren - 1];
    if (!(isIdent(before.t) || before.op)) return false;
    if (KEYWORDS.has(before.t) && before.t !== 'requires') return false;
    // `T (*name)(...)`: a pointer to function is a variable.
    if (toks[paren + 1]?.t === '*' || toks[paren + 1]?.t === '&') return false;
    return true;
}

function functionName(toks) {
    const paren = parameterListIndex(toks);
    const tok = toks[paren - 1];
    let name = tok.t;
    let at = paren - 1;
    if (toks[at - 1]?.t === '~') {
        name = '~' + name;
        at--;
    }
    return { name, qualified: toks[at - 1]?.t === '::', at, paren, line: tok.line };
}

function variableName(toks) {
    // `T (*name)(...)`
    const paren = parameterListIndex(toks);
    if (paren >= 0 && (toks[paren + 1]?.t === '*' || toks[paren + 1]?.t === '&') && isIdent(toks[paren + 2]?.t || '')) {
        return { name: toks[paren + 2].t, line: toks[paren + 2].line };
    }
    let end = topLevelIndex(toks, (t) => t === '=' || t === '{}' || t === '[' || t === ':');
    if (end < 0) end = toks.length;
    for (let i = end - 1; i >= 0; i--) {
        if (isIdent(toks[i].t) && !KEYWORDS.has(toks[i].t)) return { name: toks[i].t, line: toks[i].line };
        if (toks[i].t === '>' || toks[i].t === ')') return null;
    }
    return null;
}

// Parses one header; returns {names, classes, aliases, enums}.
//   names:   [{qname: string[], kind, hidden, line}]
//   classes: [{qname, hidden, kind, bases: [{name: string[], access}], members: Map name -> {kind, access, line}}]
export function parseHeader(text, file = '<header>') {
    const tokens = tokenize(cleanSource(text));
    const names = [];
    const classes = [];
    const aliases = [];
    const namespaces = [];
    let i = 0;

    const fail = (msg, tok) => {
        throw new CheckError(`${file}:${tok ? tok.line : '?'}: cannot read the header (${msg})`);
    };

    function skipBalancedBraces() {
        // tokens[i] is '{'
        let depth = 0;
        for (; i < tokens.length; i++) {
            if (tokens[i].t === '{') depth++;
            else if (tokens[i].t === '}' && --depth === 0) {
                i++;
                return;
            }
        }
        fail('unbalanced braces', tokens[tokens.length - 1]);
    }

    function skipToSemicolon() {
        let depth = 0;
        for (; i < tokens.length; i++) {
            const t = tokens[i].t;
            if (t === '{' || t === '(' || t === '[') depth++;
            else if (t === '}' || t === ')' || t === ']') depth--;
            else if (t === ';' && depth === 0) {
                i++;
                return;
            }
        }
    }

    // Records a member of a class frame, or a name of a namespace frame.
    function declare(frame, name, kind, line, extra = {}) {
        if (frame.kind === 'class') {
            const access = extra.access ?? frame.access;
            if (!frame.cls.members.has(name)) frame.cls.members.set(name, { kind, access, line, ...extra });
            else if (access === 'public') frame.cls.members.get(name).access = 'public';
            if (access !== 'public') return;
        }
        names.push({ qname: [...frame.qname, name], kind, hidden: frame.hidden, line, ...extra });
    }

    function handleDeclaration(decl, frame, hasBody) {
        let toks = stripPrefixes(decl);
        if (toks.length === 0) return;
        const first = toks[0].t;
        const inClass = frame.kind === 'class';
        if (first === 'static_assert' || first === 'namespace' || first === 'extern' || first === 'asm') return;
        if (first === 'friend') {
            toks = toks.slice(1);
            if (!hasBody || !inClass || !isFunctionDeclaration(toks)) return;
            const f = functionName(toks);
            if (f.qualified) return;
            declare(frame, f.name, 'hidden friend', f.line, { access: 'public' });
            return;
        }
        if (first === 'using') {
            if (toks[1]?.t === 'namespace') return;
            if (isIdent(toks[1]?.t || '') && toks[2]?.t === '=') {
                const target = toks.slice(3).map((t) => t.t);
                declare(frame, toks[1].t, inClass ? 'member type' : 'type alias', toks[1].line, { target });
                if (!inClass) aliases.push({ qname: [...frame.qname, toks[1].t], target, hidden: frame.hidden });
                return;
            }
            // A using-declaration: X::name (an inheriting constructor when name == X).
            const parts = [];
            let angle = 0;
            for (const t of toks.slice(1)) {
                if (t.t === '<') angle++;
                else if (t.t === '>') angle--;
                else if (angle === 0 && (isIdent(t.t) || t.op) && t.t !== 'typename') parts.push(t.t);
            }
            const last = parts[parts.length - 1];
            if (!last || parts[parts.length - 2] === last) return;
            declare(frame, last, inClass ? 'member (using)' : 'using-declaration', toks[toks.length - 1].line);
            return;
        }
        if (first === 'typedef') {
            const v = variableName(toks);
            if (v) declare(frame, v.name, inClass ? 'member type' : 'type alias', v.line);
            return;
        }
        if (first === 'concept') {
            if (isIdent(toks[1]?.t || '')) declare(frame, toks[1].t, 'concept', toks[1].line);
            return;
        }
        if (first === 'class' || first === 'struct' || first === 'union' || first === 'enum') {
            // A forward declaration (`class X;`, `enum class E : int;`) declares nothing
            // the definition does not.
            if (!hasBody && topLevelIndex(toks, (t) => t === '(' || t === '=') < 0) return;
        }
        if (isFunctionDeclaration(toks)) {
            const f = functionName(toks);
            if (f.qualified) return; // an out-of-class definition
            if (inClass && (f.name === frame.cls.name || f.name === '~' + frame.cls.name || f.name === 'operator=')) return;
            // A deduction guide: `Name(params) -> Name<...>;`, no return type before it.
            const afterParams = skipGroup(toks, f.paren, '(', ')') + 1;
            const leading = toks.slice(0, f.at).filter((t) => t.t !== 'explicit');
            if (!inClass && !hasBody && leading.length === 0 && toks[afterParams]?.t === '->') return;
            declare(frame, f.name, inClass ? 'member function' : 'function', f.line);
            return;
        }
        const v = variableName(toks);
        if (v) declare(frame, v.name, inClass ? 'data member' : 'variable', v.line);
    }

    function parseEnumBody(frame, enumName) {
        // tokens[i] is '{'
        i++;
        let part = [];
        let depth = 0;
        const flush = () => {
            const name = part.find((t) => isIdent(t.t));
            if (name) declare(frame, name.t, 'enumerator', name.line);
            part = [];
        };
        for (; i < tokens.length; i++) {
            const t = tokens[i].t;
            if (depth === 0 && t === '}') {
                flush();
                i++;
                return;
            }
            if (t === '(' || t === '{' || t === '[') depth++;
            else if (t === ')' || t === '}' || t === ']') depth--;
            if (depth === 0 && t === ',') flush();
            else part.push(tokens[i]);
        }
        fail(`unterminated enum ${enumName}`, tokens[tokens.length - 1]);
    }

    // Opens the scope of the declaration `decl` whose body starts at tokens[i] ('{').
    // Returns false if `decl` is not a namespace, class or enum head.
    function openScope(decl, frame) {
        const head = stripPrefixes(decl);
        if (head.length === 0) return false;
        let k = 0;
        if (head[k].t === 'inline' && head[k + 1]?.t === 'namespace') k++;
        if (head[k].t === 'namespace') {
            const parts = head.slice(k + 1).filter((t) => isIdent(t.t) && t.t !== 'inline').map((t) => t.t);
            i++;
            if (parts.length) namespaces.push([...frame.qname, ...parts]);
            parseScope({
                kind: 'namespace',
                qname: [...frame.qname, ...parts],
                hidden: frame.hidden || parts.length === 0 || parts.includes('detail'),
            });
            return true;
        }
        if (head[0].t === 'friend') return false;
        const key = head[0].t;
        if (key !== 'class' && key !== 'struct' && key !== 'union' && key !== 'enum') return false;
        if (topLevelIndex(head, (t) => t === '=') >= 0) return false; // `struct X x = {...}`
        let j = 1;
        if (key === 'enum' && (head[j]?.t === 'class' || head[j]?.t === 'struct')) j++;
        // Skip what may stand between the key and the name (alignas(...), macros).
        while (head[j] && head[j + 1] && (head[j + 1].t === '(' || (isIdent(head[j + 1].t) && head[j + 1].t !== 'final'))) {
            if (head[j + 1].t === '(') j = skipGroup(head, j + 1, '(', ')') + 1;
            else j++;
        }
        const nameTok = head[j];
        const anonymous = !nameTok || !isIdent(nameTok.t) || nameTok.t === 'final';
        const name = anonymous ? null : nameTok.t;
        const specialisation = !anonymous && head[j + 1]?.t === '<';
        const hiddenHere =
            frame.hidden || anonymous || specialisation || (frame.kind === 'class' && frame.access !== 'public');
        if (key === 'enum') {
            const qname = name ? [...frame.qname, name] : frame.qname;
            if (name && !specialisation) declare(frame, name, 'enum', nameTok.line);
            parseEnumBody({ kind: 'namespace', qname, hidden: hiddenHere }, name);
            skipToSemicolon();
            return true;
        }
        const cls = {
            name: name || '<anonymous>',
            qname: [...frame.qname, name || '<anonymous>'],
            hidden: hiddenHere,
            kind: key,
            bases: [],
            members: new Map(),
            line: nameTok?.line,
            file,
        };
        if (!anonymous && !specialisation) {
            declare(frame, name, key, nameTok.line);
            classes.push(cls);
        }
        // Bases: after the top-level ':'.
        const colon = topLevelIndex(head, (t, idx) => t === ':' && idx > j);
        if (colon >= 0) {
            let base = [];
            const flush = () => {
                if (!base.length) return;
                let access = key === 'class' ? 'private' : 'public';
                const parts = [];
                let angle = 0;
                for (const t of base) {
                    if (t.t === '<') angle++;
                    else if (t.t === '>') angle--;
                    else if (angle === 0 && (t.t === 'public' || t.t === 'private' || t.t === 'protected')) access = t.t;
                    else if (angle === 0 && isIdent(t.t) && t.t !== 'virtual' && t.t !== 'typename') parts.push(t.t);
                }
                cls.bases.push({ name: parts, access });
                base = [];
            };
            let angle = 0;
            for (const t of head.slice(colon + 1)) {
                if (t.t === '<') angle++;
                else if (t.t === '>') angle--;
                if (angle === 0 && t.t === ',') flush();
                else base.push(t);
            }
            flush();
        }
        i++;
        parseScope({ kind: 'class', qname: cls.qname, hidden: hiddenHere, access: key === 'class' ? 'private' : 'public', cls });
        skipToSemicolon();
        return true;
    }

    // Parses declarations up to the '}' closing this scope (or the end of the file).
    function parseScope(frame) {
        let decl = [];
        let depth = 0;
        while (i < tokens.length) {
            const tok = tokens[i];
            const t = tok.t;
            if (depth === 0) {
                if (t === '}') {
                    if (frame.kind === 'file') fail("a '}' closes nothing", tok);
                    if (decl.length) handleDeclaration(decl, frame, false);
                    i++;
                    return;
                }
                if (t === ';') {
                    handleDeclaration(decl, frame, false);
                    decl = [];
                    i++;
                    continue;
                }
                if (frame.kind === 'class' && decl.length === 0 && ['public', 'private', 'protected'].includes(t) && tokens[i + 1]?.t === ':') {
                    frame.access = t;
                    i += 2;
                    continue;
                }
                if (t === '{') {
                    if (openScope(decl, frame)) {
                        decl = [];
                        continue;
                    }
                    const head = stripPrefixes(decl);
                    if (head.length && isFunctionDeclaration(head)) {
                        handleDeclaration(decl, frame, true);
                        skipBalancedBraces();
                        decl = [];
                        continue;
                    }
                    // A brace initialiser, or a block: keep a placeholder in its place.
                    const line = tok.line;
                    skipBalancedBraces();
                    if (decl.length) decl.push({ t: '{}', line });
                    continue;
                }
            }
            if (t === '(' || t === '[') depth++;
            else if (t === ')' || t === ']') depth--;
            if (depth < 0) fail(`unbalanced '${t}'`, tok);
            decl.push(tok);
            i++;
        }
        if (frame.kind !== 'file') fail(`the scope of ${frame.qname.join('::') || 'a block'} never closes`, tokens[tokens.length - 1]);
        if (decl.length) handleDeclaration(decl, frame, false);
    }

    parseScope({ kind: 'file', qname: [], hidden: false });
    return { names, classes, aliases, namespaces };
}

function listHeaders(dir) {
    const out = [];
    const walk = (d) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(d, e.name);
            if (e.isDirectory()) walk(full);
            else if (e.name.endsWith('.hpp') || e.name.endsWith('.h')) out.push(full);
        }
    };
    walk(dir);
    return out;
}

// The folder holding the library's headers: DIR/chan if it exists, else DIR.
export function headersRoot(includeDir) {
    const chan = path.join(includeDir, 'chan');
    return fs.existsSync(chan) && fs.statSync(chan).isDirectory() ? chan : includeDir;
}

// Map: name relative to chan:: -> {kind, file, line}
export function collectPublicNames(includeDir) {
    const root = headersRoot(includeDir);
    if (!fs.existsSync(root)) throw new CheckError(`no headers at ${includeDir}`);
    const files = listHeaders(root);
    if (files.length === 0) throw new CheckError(`no headers at ${includeDir}`);
    const names = new Map();
    const classes = [];
    const aliases = [];
    const namespaceNames = new Set(); // chan's public namespaces: valid in the Reference, not required
    for (const file of files) {
        const rel = path.relative(path.dirname(root), file);
        const parsed = parseHeader(fs.readFileSync(file, 'utf8'), rel);
        for (const n of parsed.names) {
            if (n.hidden || n.qname[0] !== 'chan') continue;
            const key = n.qname.slice(1).join('::');
            if (!key || names.has(key)) continue;
            names.set(key, { kind: n.kind, file: rel, line: n.line });
        }
        for (const c of parsed.classes) classes.push({ ...c, file: rel });
        for (const a of parsed.aliases) aliases.push({ ...a, file: rel });
        for (const ns of parsed.namespaces) {
            if (ns[0] !== 'chan' || ns.includes('detail')) continue;
            for (let k = 2; k <= ns.length; k++) namespaceNames.add(ns.slice(1, k).join('::'));
        }
    }

    // Classes by qualified name; the #if branches of one header may define a class
    // twice: their members are merged.
    const byName = new Map();
    for (const c of classes) {
        const key = c.qname.join('::');
        const known = byName.get(key);
        if (!known) byName.set(key, { ...c, members: new Map(c.members) });
        else for (const [m, info] of c.members) if (!known.members.has(m)) known.members.set(m, info);
    }
    const resolve = (parts, from) => {
        // The class named `parts` as seen from the scope `from` (innermost first).
        for (let k = from.length; k >= 0; k--) {
            const c = byName.get([...from.slice(0, k), ...parts].join('::'));
            if (c) return c;
        }
        return null;
    };
    const publicMembers = (cls, seen = new Set()) => {
        // Own public members, then those of public bases (own ones hide them).
        const out = new Map();
        if (seen.has(cls)) return out;
        seen.add(cls);
        for (const [m, info] of cls.members) if (info.access === 'public') out.set(m, { ...info, file: cls.file, from: cls });
        for (const b of cls.bases) {
            if (b.access !== 'public') continue;
            const base = resolve(b.name, cls.qname.slice(0, -1));
            if (!base) continue;
            for (const [m, info] of publicMembers(base, seen)) {
                if (m === base.name || m === '~' + base.name) continue;
                if (!out.has(m)) out.set(m, info);
            }
        }
        return out;
    };
    const addMembers = (prefix, cls) => {
        for (const [m, info] of publicMembers(cls)) {
            const key = `${prefix}::${m}`;
            if (names.has(key)) continue;
            const origin = info.from.qname.join('::');
            names.set(key, {
                kind: info.kind + (info.from === cls ? '' : ` (from ${origin})`),
                file: info.file,
                line: info.line,
            });
        }
    };
    for (const c of byName.values()) {
        if (c.hidden || c.qname[0] !== 'chan') continue;
        addMembers(c.qname.slice(1).join('::'), c);
    }
    for (const a of aliases) {
        if (a.hidden || a.qname[0] !== 'chan') continue;
        // The target's name without template arguments: `detail::recorder::reader`.
        const parts = [];
        let angle = 0;
        for (const t of a.target) {
            if (t === '<') angle++;
            else if (t === '>') angle--;
            else if (angle === 0 && isIdent(t) && t !== 'typename') parts.push(t);
        }
        const target = resolve(parts, a.qname.slice(0, -1));
        if (target) addMembers(a.qname.slice(1).join('::'), target);
    }
    Object.defineProperty(names, 'namespaces', { value: namespaceNames });
    return names;
}

// ---------------------------------------------------------------------------------
// The Reference
// ---------------------------------------------------------------------------------

// Normalises a code span to a name relative to chan::, or null if it is not name-like.
export function normaliseName(span) {
    let s = span.trim().replace(/\s+/g, ' ');
    if (s.startsWith('chan::')) s = s.slice(6);
    else if (s === 'chan') return null;
    let op = '';
    const at = s.search(/(^|::)operator\b/);
    if (at >= 0) {
        const start = s.indexOf('operator', at);
        op = s.slice(start + 'operator'.length).trim();
        s = s.slice(0, start);
        if (/^[^\w\s]/.test(op)) op = 'operator' + op.replace(/\s+/g, '').replace(/\(\)$/, '').replace(/^$/, '()');
        else op = 'operator ' + op.replace(/\(\)$/, '').replace(/\s*::\s*/g, '::').replace(/\s*\*/g, '*').trim();
        if (op === 'operator') op = 'operator()';
    }
    // Template arguments and a trailing call.
    let out = '';
    let depth = 0;
    for (const c of s) {
        if (c === '<') depth++;
        else if (c === '>') depth--;
        else if (depth === 0) out += c;
    }
    out = out.replace(/\(\)$/, '').replace(/\s+/g, '');
    if (op) out += op;
    if (!/^~?[A-Za-z_]\w*(::(~?[A-Za-z_]\w*|operator.*))*(::)?$/.test(out) && !/^operator/.test(out)) return null;
    return out;
}

// VitePress's slug of a heading's text (@mdit-vue/shared's slugify).
export function slugify(str) {
    return str
        .normalize('NFKD')
        .replace(/[\u0300-\u036F]/g, '')
        .replace(/[\u0000-\u001f]/g, '')
        .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^-+|-+$/g, '')
        .replace(/^(\d)/, '_$1')
        .toLowerCase();
}

const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;

function codeSpans(text) {
    const out = [];
    for (const m of text.matchAll(CODE_SPAN)) out.push({ text: m[2], index: m.index, end: m.index + m[0].length });
    return out;
}

// Ranges [start, end) of link texts `[...](...)` in a line.
function linkRanges(line) {
    const out = [];
    const re = /\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g;
    for (const m of line.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, target: m[2] });
    return out;
}

// Splits a table row into cells (pipes inside code spans do not split).
function tableCells(line) {
    const cells = [];
    let cell = '';
    let tick = 0;
    let cellStart = 0;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '`') {
            let run = 0;
            while (line[i + run] === '`') run++;
            if (tick === 0) tick = run;
            else if (tick === run) tick = 0;
            cell += line.slice(i, i + run);
            i += run - 1;
            continue;
        }
        if (c === '\\' && line[i + 1] === '|') {
            cell += '\\|';
            i++;
            continue;
        }
        if (c === '|' && tick === 0) {
            cells.push({ text: cell, start: cellStart });
            cell = '';
            cellStart = i + 1;
            continue;
        }
        cell += c;
    }
    cells.push({ text: cell, start: cellStart });
    return cells.slice(1); // before the first pipe
}

// Reads the Reference: entries (names with where they are), linked names, anchors, links.
export function readReference(referenceDir) {
    if (!fs.existsSync(referenceDir)) throw new CheckError(`no Reference at ${referenceDir}`);
    const pages = fs
        .readdirSync(referenceDir)
        .filter((f) => f.endsWith('.md'))
        .sort();
    const entries = []; // {name, span, file, line}
    const linked = []; // {name, span, file, line}
    const anchors = new Map(); // page -> Set of ids
    const links = []; // {file, line, page, anchor}
    const duplicates = []; // {file, line, id}: a heading anchor used twice in a page
    for (const page of pages) {
        const text = fs.readFileSync(path.join(referenceDir, page), 'utf8');
        const ids = new Set();
        anchors.set(page, ids);
        let fence = null;
        text.split('\n').forEach((line, idx) => {
            const lineNo = idx + 1;
            const f = /^\s*(`{3,}|~{3,})/.exec(line);
            if (fence) {
                if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1].trim().replace(/[^`~]/g, '')) fence = null;
                else if (f && line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
                return;
            }
            if (f) {
                fence = f[1];
                return;
            }
            const ranges = linkRanges(line);
            for (const r of ranges) {
                const m = /^(?:\.\/)?([\w-]*?)(?:\.md|\.html)?(?:#(.+))?$/.exec(r.target);
                if (m && !/^[a-z]+:/.test(r.target) && !r.target.startsWith('/') && !r.target.startsWith('../')) {
                    const target = m[1] === '' ? page : m[1] + '.md';
                    links.push({ file: page, line: lineNo, page: target, anchor: m[2] ? decodeURIComponent(m[2]) : null });
                }
            }
            const inLink = (pos) => ranges.some((r) => pos >= r.start && pos < r.end);
            const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
            if (heading) {
                let content = heading[2];
                const custom = /\s*\{#([^}\s]+)\}\s*$/.exec(content);
                if (custom) content = content.slice(0, custom.index);
                const id = custom ? custom[1] : slugify(content.replace(/`/g, ''));
                // VitePress renames a repeated id (`id-1`), so links to it would miss.
                if (ids.has(id)) duplicates.push({ file: page, line: lineNo, id });
                ids.add(id);
                for (const s of codeSpans(content)) {
                    const name = normaliseName(s.text);
                    if (name) entries.push({ name, span: s.text, file: page, line: lineNo });
                }
                return;
            }
            if (/^\s*\|/.test(line)) {
                const cells = tableCells(line.trim());
                const firstCell = cells[0];
                if (firstCell && !/^\s*:?-{3,}:?\s*$/.test(firstCell.text)) {
                    const offset = line.indexOf('|') + firstCell.start;
                    for (const s of codeSpans(firstCell.text)) {
                        if (inLink(offset + s.index)) continue;
                        const name = normaliseName(s.text);
                        if (name) entries.push({ name, span: s.text, file: page, line: lineNo });
                    }
                }
            }
            for (const s of codeSpans(line)) {
                if (!inLink(s.index)) continue;
                const name = normaliseName(s.text);
                if (name) linked.push({ name, span: s.text, file: page, line: lineNo });
            }
        });
    }
    return { pages, entries, linked, anchors, links, duplicates };
}

// ---------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------

export function check({ include = DEFAULT_INCLUDE, reference = DEFAULT_REFERENCE } = {}) {
    const names = collectPublicNames(include);
    const ref = readReference(reference);
    const topLevel = new Set([...names.keys()].map((n) => n.split('::')[0]));
    const claimsChan = (e) => e.span.trim().startsWith('chan::') || topLevel.has(e.name.split('::')[0]);

    const documented = new Set(ref.entries.map((e) => e.name));
    const missing = [...names.keys()].filter((n) => !documented.has(n)).sort();
    const stale = [...ref.entries, ...ref.linked].filter(
        (e) => claimsChan(e) && !names.has(e.name) && !names.namespaces.has(e.name),
    );
    const brokenLinks = ref.links.filter((l) => {
        const ids = ref.anchors.get(l.page);
        if (!ids) return true;
        return l.anchor !== null && !ids.has(l.anchor);
    });
    for (const d of ref.duplicates) brokenLinks.push({ file: d.file, line: d.line, page: d.file, anchor: d.id, duplicate: true });
    return { names, ref, missing, stale, brokenLinks };
}

function parseArgs(argv) {
    const opts = { include: DEFAULT_INCLUDE, reference: DEFAULT_REFERENCE, list: false, quiet: false };
    for (let k = 0; k < argv.length; k++) {
        const a = argv[k];
        const value = () => {
            const v = argv[++k];
            if (v === undefined) throw new CheckError(`${a} needs a value`);
            return path.resolve(v);
        };
        if (a === '--include') opts.include = value();
        else if (a.startsWith('--include=')) opts.include = path.resolve(a.slice(10));
        else if (a === '--reference') opts.reference = value();
        else if (a.startsWith('--reference=')) opts.reference = path.resolve(a.slice(12));
        else if (a === '--list') opts.list = true;
        else if (a === '--quiet') opts.quiet = true;
        else if (a === '--help' || a === '-h') {
            process.stdout.write('usage: node book/scripts/check-reference.mjs [--include DIR] [--reference DIR] [--list] [--quiet]\n');
            process.exit(0);
        } else throw new CheckError(`unknown argument ${a}`);
    }
    return opts;
}

function main() {
    let opts;
    let result;
    try {
        opts = parseArgs(process.argv.slice(2));
        result = check(opts);
    } catch (e) {
        if (!(e instanceof CheckError)) throw e;
        process.stderr.write(`check-reference: ${e.message}\n`);
        process.exit(2);
    }
    const { names, ref, missing, stale, brokenLinks } = result;
    const refLabel = path.relative(process.cwd(), opts.reference) || '.';
    if (opts.list) {
        for (const [n, info] of [...names].sort(([a], [b]) => a.localeCompare(b)))
            process.stdout.write(`chan::${n}\t${info.kind}\t${info.file}:${info.line}\n`);
    }
    let failed = false;
    if (missing.length) {
        failed = true;
        process.stderr.write(`public names with no entry in ${refLabel}: ${missing.length}\n`);
        for (const n of missing) {
            const info = names.get(n);
            process.stderr.write(`  chan::${n}  (${info.kind}, ${info.file}:${info.line})\n`);
        }
    }
    if (stale.length) {
        failed = true;
        process.stderr.write(`entries in ${refLabel} that name no public name of the headers: ${stale.length}\n`);
        for (const e of stale) process.stderr.write(`  ${e.file}:${e.line}: \`${e.span}\`\n`);
    }
    if (brokenLinks.length) {
        failed = true;
        process.stderr.write(`links in ${refLabel} to an anchor that does not exist (or is not unique): ${brokenLinks.length}\n`);
        for (const l of brokenLinks)
            process.stderr.write(`  ${l.file}:${l.line}: ${l.duplicate ? 'a second heading with the anchor ' : ''}${l.page}#${l.anchor}\n`);
    }
    if (failed) process.exit(1);
    if (!opts.quiet) {
        process.stdout.write(
            `check-reference: all ${names.size} public names of ${path.relative(process.cwd(), headersRoot(opts.include)) || '.'} ` +
                `have an entry in ${refLabel} (${ref.entries.length} entries on ${ref.pages.length} pages)\n`,
        );
    }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
