// The rules the book's build enforces (book/.vitepress/recipes.mjs and config.mjs), each
// broken on purpose here to see the build refuse it:
//   - every recipe's opening comment reads into explanation, commands and output, and
//     its `ANCHOR: example` region exists (the real recipes, all of them);
//   - a directive naming no recipe, a recipe file without its anchor, a recipe in no
//     page, a recipe in two pages: each throws, naming what is wrong;
//   - an exercise's task.md that lacks a field or names no recipe stops the build;
//   - a link to a page that does not exist stops `vitepress build` (a copy of the real
//     book with one broken link; CHAN_BOOK_DEAD_LINK_BUILD=0 skips this slow case).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { createMarkdownRenderer } from 'vitepress';

import {
    BookError, REPO, anchorRegion, checkCoverage, parseOpeningComment, readContents, readPages, recipeDirectives,
    recipesByName,
} from '../.vitepress/recipes.mjs';
import { exercisesMarkdown, exercisesTable, readExercises, recipeExercises } from '../.vitepress/exercises.mjs';

const BOOK = path.join(REPO, 'book');
const contents = readContents();
const byName = recipesByName(contents);

test('every recipe reads into explanation, commands, output and an anchor region', () => {
    for (const recipe of byName.values()) {
        const source = fs.readFileSync(path.join(REPO, recipe.path), 'utf8');
        const comment = parseOpeningComment(source, recipe.path);
        assert.ok(comment.explanation.startsWith(recipe.summary), `${recipe.name}: explanation opens with its summary`);
        assert.ok(comment.commands.some((c) => c.command === `./cookbook run ${recipe.name}`), `${recipe.name}: its run command`);
        assert.ok(comment.output.split('\n').length >= 1 && !comment.output.startsWith(' '), `${recipe.name}: output`);
        assert.doesNotMatch(comment.explanation, /^(Ports|Run|Output):/m, `${recipe.name}: sections split`);
        assert.ok(anchorRegion(source, recipe.path).length > 0, `${recipe.name}: anchor region`);
    }
});

test('the comment parser keeps a wrapped run note and the rules after the output', () => {
    const source = [
        '// One line.', '//', '// More.', '//', '// Ports: somewhere.', '//',
        '// Run:   ./cookbook run x', '//        ./cookbook run x --n 3 (three of them: nothing', '//            left over)',
        '//', '// With more, it waits.', '// ./cookbook visualizer shows why.',
        '//', '// Possible output:', '//     a', '//     b', '// Which comes first varies.', 'int main() {}',
    ].join('\n');
    const c = parseOpeningComment(source, 'x.cpp');
    assert.equal(c.explanation, 'One line.\n\nMore.');
    assert.deepEqual(c.commands, [
        { command: './cookbook run x', note: '' },
        { command: './cookbook run x --n 3', note: 'three of them: nothing left over' },
    ]);
    assert.equal(c.runNotes, 'With more, it waits. ./cookbook visualizer shows why.');
    assert.equal(c.outputHeading, 'Possible output');
    assert.equal(c.output, 'a\nb');
    assert.equal(c.rules, 'Which comes first varies.');
});

test('a recipe without its anchor region is refused', () => {
    const source = '// x\nint main() {\n    // ANCHOR: example\n    return 0;\n}\n';
    assert.throws(() => anchorRegion(source, 'x.cpp'), /x\.cpp: no '\/\/ ANCHOR_END: example'/);
    assert.throws(() => anchorRegion('int main() {}', 'y.cpp'), /y\.cpp: no '\/\/ ANCHOR: example' line/);
});

test('a directive naming no recipe is refused, and a known one expands', async () => {
    // The renderer the book's build uses, with the book's plugin.
    const md = await createMarkdownRenderer(BOOK, { config: (md) => recipeDirectives(md, { byName }) });
    assert.throws(() => md.render('# Page\n\n<!--@recipe: no_such_recipe-->\n', { relativePath: 'p.md' }),
        (e) => e instanceof BookError && /book\/p\.md: <!--@recipe: no_such_recipe--> names no recipe/.test(e.message));
    const html = md.render('<!--@recipe: buffering-->\n', { relativePath: 'basics/buffering.md' });
    const text = html.replace(/<[^>]*>/g, '').replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.match(text, /auto \[tx, rx\] = chan::bounded<std::string>/, 'the anchor region is in the page');
    assert.match(html, /<RecipeWatch name="buffering" \/>/, 'the live visualizer is in the page');
    assert.doesNotMatch(html, /ANCHOR/, 'no anchor markers in the shown region');
});

test('every recipe is in exactly one page', () => {
    const pages = readPages(BOOK);
    assert.equal(checkCoverage(byName, pages).size, byName.size, 'the real book shows every recipe');
    const withoutBuffering = pages.map(([page, source]) => [page, source.replace('<!--@recipe: buffering-->', '')]);
    assert.throws(() => checkCoverage(byName, withoutBuffering), /recipes no page shows: buffering/);
    const twice = [...pages, ['extra.md', '<!--@recipe: buffering-->\n']];
    assert.throws(() => checkCoverage(byName, twice), /recipes shown twice: buffering \(book\/basics\/buffering\.md and book\/extra\.md\)/);
});

test('a broken internal link stops the build', { skip: process.env.CHAN_BOOK_DEAD_LINK_BUILD === '0' }, () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'book-dead-link-'));
    try {
        fs.cpSync(BOOK, copy, { recursive: true, filter: (f) => !/\/(node_modules|cache|dist)(\/|$)/.test(f) });
        fs.symlinkSync(path.join(BOOK, 'node_modules'), path.join(copy, 'node_modules'));
        fs.appendFileSync(path.join(copy, 'basics', 'index.md'), '\nSee [the missing page](/basics/no_such_page).\n');
        const run = spawnSync(process.execPath, ['node_modules/vitepress/bin/vitepress.js', 'build', '.', '--outDir', path.join(copy, 'out')], {
            cwd: copy, encoding: 'utf8', env: { ...process.env, CHAN_REPO_ROOT: REPO, CHAN_BOOK_CACHE: path.join(copy, 'cache') },
        });
        assert.notEqual(run.status, 0, 'the build must fail');
        assert.match(run.stdout + run.stderr, /dead link/i);
        assert.match(run.stdout + run.stderr, /no_such_page/);
    } finally {
        fs.rmSync(copy, { recursive: true, force: true });
    }
});

test('the exercises: read from exercises/*/task.md; a bad one is refused; recipe pages link them', () => {
    const list = readExercises(byName);
    assert.ok(list.length >= 1, 'the real exercises are read');
    assert.deepEqual(list.map((e) => e.folder), [...list.map((e) => e.folder)].sort(), 'in folder order');
    const first = list[0];
    assert.match(exercisesMarkdown(list, byName), new RegExp(`### ${first.number} · ${first.title} \\{#${first.name}\\}`));
    assert.match(exercisesTable(list, byName), new RegExp(`\\| ${first.number} \\| \\[${first.name}\\]\\(/exercises/#${first.name}\\)`));
    assert.match(recipeExercises(first.recipe, list), new RegExp(`\\./cookbook exercise ${first.name}`));
    assert.equal(recipeExercises('no_such_recipe', list), '');

    // A copy of one exercise whose task names a recipe that does not exist, then one
    // without a goal: each stops the build, naming the file.
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'book-exercises-'));
    const folder = path.join(repo, 'exercises', '01_broken');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'hints.md'), '## Hint 1\nx\n');
    const task = (fields) => fs.writeFileSync(path.join(folder, 'task.md'), `---\n${fields}\n---\nDo it.\n`);
    task('title: T\nkind: write\ngoal: g\nrecipe: no_such_recipe\nminutes: 5');
    assert.throws(() => readExercises(byName, repo), /exercises\/01_broken\/task\.md: recipe 'no_such_recipe' is not in recipes/);
    task('title: T\nkind: write\nrecipe: buffering\nminutes: 5');
    assert.throws(() => readExercises(byName, repo), /exercises\/01_broken\/task\.md: its front matter has no 'goal'/);
    task('title: T\nkind: guess\ngoal: g\nrecipe: buffering\nminutes: 5');
    assert.throws(() => readExercises(byName, repo), /kind 'guess' is not write, fix or predict/);
    fs.rmSync(repo, { recursive: true });
});
