import type { AnyRule } from '../rule.js';
import serviceRunningDesiredCount from './ecs-service-running-desired-count.js';
import taskDefinitionHostNetworkNonRoot from './ecs-task-definition-host-network-non-root.js';
import taskDefinitionNoSecretsInEnvironment from './ecs-task-definition-no-secrets-in-environment.js';
import taskDefinitionNotPrivileged from './ecs-task-definition-not-privileged.js';
import taskDefinitionReadOnlyRootFilesystem from './ecs-task-definition-read-only-root-filesystem.js';

/** The ECS rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const ecsRules: readonly AnyRule[] = [
  taskDefinitionNotPrivileged,
  taskDefinitionHostNetworkNonRoot,
  taskDefinitionReadOnlyRootFilesystem,
  taskDefinitionNoSecretsInEnvironment,
  serviceRunningDesiredCount,
];
