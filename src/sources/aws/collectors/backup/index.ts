import type { Collector } from '../../collector.js';
import { plans } from './plans.js';
import { protectedResources } from './protected-resources.js';
import { vaults } from './vaults.js';

export const BACKUP_COLLECTORS: Collector[] = [plans, vaults, protectedResources];
