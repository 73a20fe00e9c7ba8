// The recipes as the book sees them: the reading order (from recipes/contents.cmake,
// the one reader of recipes/contents.txt), each recipe's opening comment read into
// its parts, and the directive that puts a recipe into a page.
//
// A page says `<!--@recipe: NAME-->` on a line of its own; the markdown plugin below
// replaces that line, before markdown-it parses the page, with the recipe's
// explanation, its `ANCHOR: example` region, the commands that run it, its output and
// the rules every run keeps, and the embedded visualizer. Nothing of a recipe is
// copied into the book's sources: what the reader sees is the tested file.
//
// Every failure here throws, and a throw stops `vitepress build`: a directive that
// names no recipe, a recipe without its anchor region, a recipe that no page shows or
// that two pages show.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The repository: the folder above book/, unless CHAN_REPO_ROOT names another (tests).
export const REPO = process.env.CHAN_REPO_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

const DIRECTIVE = /^<!--@recipe:\s*([A-Za-z0-9_]+)\s*-->[ \t]*$/gm;

const ANCHOR_MARKER = /^\s*\/\/ ANCHOR(_END)?: /;

export class BookError extends Error {}

// {topics: [{name, title, recipes: [{name, path, summary}]}]}, in reading order.
export function readContents(repo = REPO) {
    const json = execFileSync('cmake', ['-DFORMAT=json', '-P', path.join(repo, 'recipes', 'contents.cmake')], {
        encoding: 'utf8',
    });
    return JSON.parse(json);
}

export function recipesByName(contents) {
    const byName = new Map();
    for (const topic of contents.topics) {
        for (const recipe of topic.recipes) byName.set(recipe.name, { ...recipe, topic: topic.name });
    }
    return byName;
}

// The lines of the file's opening comment, without their `// ` (an empty string for
// a bare `//`), up to the first line that is not a comment.
function openingComment(source) {
    const lines = [];
    for (const line of source.split('\n')) {
        const m = /^\/\/ ?(.*)$/.exec(line);
        if (!m) break;
        lines.push(m[1]);
    }
    return lines;
}

// Splits the opening comment into its sections. The comment is prose paragraphs,
// then `Ports:`, `Run:` and `Output:` (or `Possible output:`), each starting a section
// that runs to the next one; the output section is the indented output lines, then
// prose: the rules every run keeps.
export function parseOpeningComment(source, file) {
    const lines = openingComment(source);
    const sections = { explanation: [], ports: [], run: [], output: [], rules: [] };
    let current = 'explanation';
    let outputHeading = null;
    for (const line of lines) {
        const heading = /^(Ports|Run|Output|Possible output):\s*(.*)$/.exec(line);
        if (heading) {
            current = heading[1] === 'Ports' ? 'ports' : heading[1] === 'Run' ? 'run' : 'output';
            if (current === 'output') outputHeading = heading[1];
            if (heading[2]) sections[current].push(heading[2]);
            continue;
        }
        if (current === 'output' && line !== '' && !line.startsWith('    ')) current = 'rules';
        sections[current].push(line);
    }
    const trimmed = (list) => list.join('\n').trim();
    const result = {
        explanation: trimmed(sections.explanation),
        ports: trimmed(sections.ports).replace(/\s*\n\s*/g, ' '),
        ...runSection(sections.run),
        outputHeading,
        output: dedent(sections.output.filter((line) => line.startsWith('    ') || line === '')).trim(),
        rules: trimmed(sections.rules),
    };
    for (const part of ['explanation', 'output']) {
        if (!result[part]) throw new BookError(`${file}: its opening comment has no ${part} (see recipes/README.md)`);
    }
    if (result.commands.length === 0) throw new BookError(`${file}: its opening comment has no Run: commands`);
    return result;
}

// The Run: section as {commands: [{command, note}], notes}. A command is
// `./cookbook run NAME --knob v (what it shows)`, its note possibly continued on more
// indented lines; prose that starts at the comment's margin after the commands is
// a note on them all.
function runSection(lines) {
    const commands = [];
    const notes = [];
    lines.forEach((raw, i) => {
        const line = raw.trim();
        if (!line) return;
        const atMargin = i > 0 && !/^\s/.test(raw);
        if (atMargin || notes.length) notes.push(line);
        else if (/^(\.\/cookbook|[A-Z_]+=)/.test(line)) commands.push(line);
        else if (commands.length) commands[commands.length - 1] += ' ' + line;
        else notes.push(line);
    });
    return {
        commands: commands.map((text) => {
            const m = /^(.*?)\s*\((.*)\)$/.exec(text);
            return m ? { command: m[1], note: m[2] } : { command: text, note: '' };
        }),
        runNotes: notes.join(' '),
    };
}

function dedent(lines) {
    const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length);
    const cut = indents.length ? Math.min(...indents) : 0;
    return lines.map((l) => l.slice(cut)).join('\n');
}

// The lines between `// ANCHOR: example` and `// ANCHOR_END: example`, dedented.
export function anchorRegion(source, file, anchor = 'example') {
    const lines = source.split('\n');
    const start = lines.findIndex((l) => l.trim() === `// ANCHOR: ${anchor}`);
    const end = lines.findIndex((l) => l.trim() === `// ANCHOR_END: ${anchor}`);
    if (start < 0) throw new BookError(`${file}: no '// ANCHOR: ${anchor}' line`);
    if (end < start) throw new BookError(`${file}: no '// ANCHOR_END: ${anchor}' after its '// ANCHOR: ${anchor}'`);
    const region = lines.slice(start + 1, end).filter((l) => !ANCHOR_MARKER.test(l));
    return dedent(region).trim();
}

// The file as a reader copies it: the book's markers are for the book.
function withoutAnchorMarkers(source) {
    return source.split('\n').filter((l) => !ANCHOR_MARKER.test(l)).join('\n');
}

// The Markdown that replaces `<!--@recipe: NAME-->`.
// `practice` is the Markdown of the exercises that build on it (exercises.mjs), or ''.
export function recipeMarkdown(recipe, repo = REPO, practice = '') {
    const file = path.join(repo, recipe.path);
    const source = fs.readFileSync(file, 'utf8');
    const comment = parseOpeningComment(source, recipe.path);
    const code = anchorRegion(source, recipe.path);
    const commandWidth = Math.max(...comment.commands.map((c) => c.command.length));
    const run = comment.commands
        .map((c) => (c.note ? `${c.command.padEnd(commandWidth)}  # ${c.note}` : c.command))
        .join('\n');
    const fileName = path.basename(recipe.path);
    return [
        comment.explanation,
        '',
        "```cpp",
        code,
        '```',
        '',
        '::: details The whole program',
        "```cpp",
        withoutAnchorMarkers(source).trimEnd(),
        '```',
        ':::',
        '',
        '## Run it',
        '',
        '```sh',
        run,
        '```',
        '',
        comment.runNotes,
        '',
        `## ${comment.outputHeading}`,
        '',
        '```text',
        comment.output,
        '```',
        '',
        comment.rules,
        '',
        '## Watch it',
        '',
        `<RecipeWatch name="${recipe.name}" />`,
        '',
        practice,
    ].join('\n');
}

// The directives of one page's source, as recipe names.
export function directivesIn(source) {
    return [...source.matchAll(DIRECTIVE)].map((m) => m[1]);
}

// markdown-it plugin: expands the directives before the page is parsed. Used for the
// pages and for the local search index alike, so search sees the recipes' text.
export function recipeDirectives(md, { byName, repo = REPO, practiceFor = () => '' }) {
    md.core.ruler.before('normalize', 'cookbook_recipes', (state) => {
        state.src = state.src.replace(DIRECTIVE, (_, name) => {
            const recipe = byName.get(name);
            const page = state.env?.relativePath ?? 'a page';
            if (!recipe) {
                throw new BookError(`book/${page}: <!--@recipe: ${name}--> names no recipe in recipes/contents.txt`);
            }
            return recipeMarkdown(recipe, repo, practiceFor(name));
        });
    });
}

// Every recipe is shown by exactly one page: returns {recipe name: page} or throws
// naming the recipes that no page shows and those that two pages show.
export function checkCoverage(byName, pages) {
    const shownBy = new Map();
    const twice = [];
    const unknown = [];
    for (const [page, source] of pages) {
        for (const name of directivesIn(source)) {
            if (!byName.has(name)) unknown.push(`${name} (in book/${page})`);
            else if (shownBy.has(name)) twice.push(`${name} (book/${shownBy.get(name)} and book/${page})`);
            else shownBy.set(name, page);
        }
    }
    const missing = [...byName.keys()].filter((name) => !shownBy.has(name));
    const problems = [];
    if (missing.length) problems.push(`recipes no page shows: ${missing.join(', ')}`);
    if (twice.length) problems.push(`recipes shown twice: ${twice.join('; ')}`);
    if (unknown.length) problems.push(`directives naming no recipe: ${unknown.join('; ')}`);
    if (problems.length) throw new BookError(`the book does not show every recipe once:\n  ${problems.join('\n  ')}`);
    return shownBy;
}

// What book/ holds that is not a page (config.mjs's srcExclude says the same to VitePress).
export const NOT_PAGES = ['node_modules', 'scripts', 'tests', 'README.md'];

// The book's pages as [path relative to book/, source], skipping what is not a page.
export function readPages(bookDir) {
    const pages = [];
    const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (entry.name.startsWith('.') || NOT_PAGES.includes(path.relative(bookDir, path.join(dir, entry.name)))) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.md')) pages.push([path.relative(bookDir, full), fs.readFileSync(full, 'utf8')]);
        }
    };
    walk(bookDir);
    return pages.sort(([a], [b]) => a.localeCompare(b));
}

// A page's title: its first `# ` heading.
export function pageTitle(source, page) {
    const m = /^# (.+)$/m.exec(source);
    if (!m) throw new BookError(`book/${page}: no '# Title' line`);
    return m[1].trim();
}
