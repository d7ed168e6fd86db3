/// <reference types="svelte" />
// The kit's tags and events in Svelte's element types.
import type {} from 'verify-elements/svelte';
