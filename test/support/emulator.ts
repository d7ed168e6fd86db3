// The emulator that emulator-plugin.mjs started for this test run, asked for once per page.
import { executeServerCommand } from '@web/test-runner-commands';
import type { EmulatorInfo } from './verify-backend.js';

let info: Promise<EmulatorInfo> | undefined;
export const emulator = () => (info ??= executeServerCommand('emulator') as Promise<EmulatorInfo>);
