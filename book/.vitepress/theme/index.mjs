// The default theme, plus the component that embeds a recipe's live visualizer and
// the service worker that makes the book cross-origin isolated where the server does
// not send the headers itself (static hosting): an embedded visualizer gets threads
// only when the page around it is isolated too.
import DefaultTheme from 'vitepress/theme';
import RecipeWatch from './RecipeWatch.vue';
import { isolateOnStaticHosting } from './isolation.mjs';
import './book.css';

export default {
    extends: DefaultTheme,
    enhanceApp({ app }) {
        app.component('RecipeWatch', RecipeWatch);
        if (typeof window !== 'undefined') isolateOnStaticHosting();
    },
};
