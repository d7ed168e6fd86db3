import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The README's isCustomElement: Vue leaves these tags to the browser.
const isCustomElement = (tag: string) => tag === 'otp-input' || tag.startsWith('verify-');

export default defineConfig({ plugins: [vue({ template: { compilerOptions: { isCustomElement } } })] });
