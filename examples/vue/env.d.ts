// Types for the tags in templates: Vue's GlobalComponents, generated from custom-elements.json.
import type {} from 'verify-elements/vue';
