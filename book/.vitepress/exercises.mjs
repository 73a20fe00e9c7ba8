// The exercises as the book shows them, read from exercises/NN_name/task.md (the same
// files `./cookbook exercise` reads): nothing of an exercise is copied into the book.
//
//   <!--@exercises-->          every exercise: its title, kind, goal, the recipe it
//                              builds on, its time, its statement and the command
//   <!--@exercises-table-->    the teacher's table: one row per exercise
//
// and each recipe page ends with the exercises that build on it (recipeExercises).
// An exercise whose front matter lacks a field, or names a recipe that does not exist,
// stops the build.
import fs from 'node:fs';
import path from 'node:path';
import { BookError, REPO } from './recipes.mjs';

const FOLDER = /^(\d\d)_([a-z0-9_]+)$/;
const FIELDS = ['title', 'kind', 'goal', 'recipe', 'minutes'];
const KIND_WORDS = { write: 'Write it', fix: 'Fix it', predict: 'Predict it' };

// [{number, name, folder, title, kind, goal, recipe, minutes, statement, hints}], in order.
export function readExercises(byName, repo = REPO) {
    const root = path.join(repo, 'exercises');
    const list = [];
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
        const m = FOLDER.exec(entry.name);
        if (!entry.isDirectory() || !m) continue;
        const file = `exercises/${entry.name}/task.md`;
        const text = fs.readFileSync(path.join(repo, file), 'utf8');
        const front = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
        if (!front) throw new BookError(`${file}: no front matter between --- lines`);
        const about = Object.fromEntries(
            front[1].split('\n').map((line) => {
                const field = /^([a-z_]+):\s*(.*?)\s*$/.exec(line);
                if (!field) throw new BookError(`${file}: not a 'key: value' line: ${line}`);
                return [field[1], field[2]];
            }),
        );
        for (const key of FIELDS) if (!about[key]) throw new BookError(`${file}: its front matter has no '${key}'`);
        if (!KIND_WORDS[about.kind]) throw new BookError(`${file}: kind '${about.kind}' is not write, fix or predict`);
        if (!byName.has(about.recipe)) throw new BookError(`${file}: recipe '${about.recipe}' is not in recipes/contents.txt`);
        const hints = fs.readFileSync(path.join(repo, 'exercises', entry.name, 'hints.md'), 'utf8').match(/^## /gm) ?? [];
        list.push({ number: m[1], name: m[2], folder: entry.name, ...about, statement: front[2].trim(), hints: hints.length });
    }
    return list.sort((a, b) => a.folder.localeCompare(b.folder));
}

function recipeLink(exercise, byName) {
    const recipe = byName.get(exercise.recipe);
    return `[${exercise.recipe}](/${recipe.topic}/${recipe.name})`;
}

export function exercisesMarkdown(list, byName) {
    return list
        .map((e) =>
            [
                `### ${e.number} · ${e.title} {#${e.name}}`,
                '',
                `**${KIND_WORDS[e.kind]}** · ${e.goal} · builds on ${recipeLink(e, byName)} · about ${e.minutes} min`,
                '',
                e.statement,
                '',
                '```sh',
                `./cookbook exercise ${e.name}      # your file: exercises/${e.folder}/main.cpp`,
                '```',
                '',
            ].join('\n'),
        )
        .join('\n');
}

export function exercisesTable(list, byName) {
    const rows = list.map(
        (e) =>
            `| ${e.number} | [${e.name}](/exercises/#${e.name}) | ${KIND_WORDS[e.kind]} | ${e.goal} | ${recipeLink(e, byName)} | ${e.minutes} | ${e.hints} |`,
    );
    const total = list.reduce((sum, e) => sum + Number(e.minutes), 0);
    return [
        '| # | Exercise | Kind | Learning goal | Builds on | Minutes | Hints |',
        '|---|---|---|---|---|---|---|',
        ...rows,
        '',
        `${list.length} exercises, about ${Math.round(total / 5) * 5} minutes in all.`,
    ].join('\n');
}

// The end of a recipe page: the exercises that build on it, if any.
export function recipeExercises(recipeName, list) {
    const mine = list.filter((e) => e.recipe === recipeName);
    if (!mine.length) return '';
    return [
        '## Practice it',
        '',
        ...mine.map((e) => `- [${e.number} · ${e.title}](/exercises/#${e.name}) (${KIND_WORDS[e.kind].toLowerCase()}): \`./cookbook exercise ${e.name}\``),
        '',
    ].join('\n');
}

// markdown-it plugin for the two directives.
export function exerciseDirectives(md, { list, byName }) {
    md.core.ruler.before('normalize', 'cookbook_exercises', (state) => {
        state.src = state.src
            .replace(/^<!--@exercises-->[ \t]*$/gm, () => exercisesMarkdown(list, byName))
            .replace(/^<!--@exercises-table-->[ \t]*$/gm, () => exercisesTable(list, byName));
    });
}
