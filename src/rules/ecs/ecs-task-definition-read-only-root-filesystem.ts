import { isUnresolved } from '../../model/index.js';
import {
  asBoolean,
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
} from '../rule.js';
import { containersOf, TASK_DEFINITION } from './containers.js';

/** Compliant: every container sets `ReadonlyRootFilesystem: true` (the default is false). */
export default defineRule({
  id: 'ecs-task-definition-read-only-root-filesystem',
  title: 'ECS task definition gives containers a read-only root filesystem',
  category: 'security',
  severity: 'medium',
  resourceTypes: [TASK_DEFINITION],
  rationale:
    'A writable root filesystem lets an attacker who gets code execution drop tools, change binaries and configuration, and persist until the task is replaced. With a read-only root the container can write only to the volumes and tmpfs mounts it declares, which also makes drift from the image impossible.',
  remediation: {
    text: 'Set ReadonlyRootFilesystem to true and mount a volume (or tmpfs) for the paths the application writes, such as /tmp.',
    cloudformation:
      'ContainerDefinitions:\n  - Name: app\n    ReadonlyRootFilesystem: true\n    MountPoints:\n      - { SourceVolume: scratch, ContainerPath: /tmp }',
    terraform:
      'container_definitions = jsonencode([{\n  name                   = "app"\n  readonlyRootFilesystem = true\n}])',
  },
  controls: ['aws-fsbp:ECS.5'],
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security',
  ],
  evaluate(task) {
    const who = `ECS task definition ${label(task)}`;
    const read = containersOf(task);
    if ('unknown' in read) return error(`${who}: ${read.unknown}.`);
    if (read.containers.length === 0) return notApplicable(() => `${who} has no container definitions.`);
    const writable: string[] = [];
    for (const c of read.containers) {
      const v = c.props.ReadonlyRootFilesystem;
      if (isUnresolved(v))
        return error(`${who}: ${describeUnresolved(`${c.name}.ReadonlyRootFilesystem`, v)}.`);
      if (asBoolean(v) !== true) writable.push(c.name);
    }
    if (writable.length > 0) return fail(`${who} gives ${writable.join(', ')} a writable root filesystem.`);
    return pass(() => `${who} gives every container a read-only root filesystem.`);
  },
});
