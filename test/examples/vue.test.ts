import { describeExample } from './scenarios.js';

describeExample('Vue 3 example with v-model (examples/vue/main.ts + App.vue)', 'vue/main');
