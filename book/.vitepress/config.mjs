// The book's site: VitePress over the Markdown chapters of book/.
//
// The sidebar is the reading order: the topics and recipes of recipes/contents.txt
// (asked of recipes/contents.cmake), then the chapters beyond the recipes, then the
// reference. Titles come from each page's `# ` line. The exercises' pages show
// exercises/*/task.md through directives (exercises.mjs), and each recipe page links
// to the exercises that build on it. The build stops when a recipe is
// in no page or in two, when a directive names no recipe or a recipe has no anchor
// region (recipes.mjs), and when a page links to a page that does not exist
// (VitePress's dead-link check, left on).
//
// Where the build writes: `vitepress build book --outDir DIR`; CHAN_BOOK_CACHE moves
// VitePress's cache out of the source tree (the CMake build points it into build/).
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitepress';
import { exerciseDirectives, readExercises, recipeExercises } from './exercises.mjs';
import { BookError, NOT_PAGES, checkCoverage, pageTitle, readContents, readPages, recipeDirectives, recipesByName } from './recipes.mjs';

const BOOK = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// The chapters after the recipes, in reading order.
const GUIDE = ['choosing', 'from-rust-and-go', 'inside', 'deadlocks', 'tracing'];
// The reference's pages in order; index first.
const REFERENCE = ['index', 'channels', 'oneshot', 'broadcast', 'select', 'time', 'results', 'tracing'];

const contents = readContents();
const byName = recipesByName(contents);
const exercises = readExercises(byName);
const pages = new Map(readPages(BOOK));
checkCoverage(byName, pages);

function page(relative) {
    const source = pages.get(relative);
    if (source === undefined) throw new BookError(`book/${relative} is missing (the sidebar lists it)`);
    return source;
}

function entry(relative) {
    const link = '/' + relative.replace(/(^|\/)index\.md$/, '$1').replace(/\.md$/, '');
    return { text: pageTitle(page(relative), relative), link };
}

function sidebar() {
    const topics = contents.topics.map((topic) => ({
        ...entry(`${topic.name}/index.md`),
        collapsed: false,
        items: topic.recipes.map((recipe) => entry(`${topic.name}/${recipe.name}.md`)),
    }));
    // The reference's known pages in their order, then any other, by name.
    const others = [...pages.keys()]
        .filter((p) => p.startsWith('reference/') && !REFERENCE.includes(path.basename(p, '.md')))
        .map((p) => path.basename(p, '.md'));
    const reference = [...REFERENCE.filter((name) => pages.has(`reference/${name}.md`) || name === 'index'), ...others];
    return [
        { text: 'Start here', link: '/' },
        ...topics,
        { text: 'Exercises', items: ['exercises/index.md', 'exercises/teachers.md'].map(entry) },
        { text: 'Beyond the recipes', items: GUIDE.map((name) => entry(`guide/${name}.md`)) },
        { text: 'Reference', items: reference.map((name) => entry(`reference/${name}.md`)) },
    ];
}

export default defineConfig({
    title: 'Channels Cookbook',
    description: 'Message passing between threads in C++20: read a recipe, run it, watch its messages move.',
    lang: 'en',
    cleanUrls: false,
    cacheDir: process.env.CHAN_BOOK_CACHE || undefined,
    srcExclude: NOT_PAGES.map((entry) => (entry.endsWith('.md') ? entry : `${entry}/**`)),
    lastUpdated: false,
    head: [['link', { rel: 'icon', href: 'data:,' }]],
    markdown: {
        config: (md) => {
            recipeDirectives(md, { byName, practiceFor: (name) => recipeExercises(name, exercises) });
            exerciseDirectives(md, { list: exercises, byName });
        },
    },
    themeConfig: {
        nav: [
            { text: 'Recipes', link: `/${contents.topics[0].name}/` },
            { text: 'Exercises', link: '/exercises/' },
            { text: 'Choosing a channel', link: '/guide/choosing' },
            { text: 'Reference', link: '/reference/' },
            { text: 'Visualizer', link: '/visualizer/', target: '_self' },
        ],
        sidebar: sidebar(),
        search: { provider: 'local' },
        outline: { level: [2, 3] },
        docFooter: { prev: 'Previous', next: 'Next' },
    },
    vite: {
        // The visualizer's folder is copied beside the book; VitePress must not take
        // /visualizer/ for one of its pages.
        server: { fs: { allow: [path.resolve(BOOK, '..')] } },
    },
});
