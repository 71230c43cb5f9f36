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
import { isUnresolved } from '../../model/index.js';
import { containersOf, TASK_DEFINITION } from './containers.js';

/** Compliant: no container of the task definition sets `Privileged: true`. */
export default defineRule({
  id: 'ecs-task-definition-not-privileged',
  title: 'ECS task definition runs no privileged containers',
  category: 'security',
  severity: 'high',
  resourceTypes: [TASK_DEFINITION],
  rationale:
    'A privileged container gets all Linux capabilities and access to the host’s devices: a compromise of the application becomes root on the container instance, and from there every other task on it and the instance role. Fargate refuses privileged containers; on EC2 they should be the rare, reviewed exception.',
  remediation: {
    text: 'Remove Privileged (or set it to false) and grant only the Linux capabilities the container needs through LinuxParameters.Capabilities.Add.',
    cloudformation:
      'ContainerDefinitions:\n  - Name: app\n    Privileged: false\n    LinuxParameters:\n      Capabilities:\n        Drop: [ALL]',
    terraform: 'container_definitions = jsonencode([{\n  name       = "app"\n  privileged = false\n}])',
  },
  controls: ['aws-fsbp:ECS.4'],
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security',
  ],
  evaluate(task) {
    const who = `ECS task definition ${label(task)}`;
    const read = containersOf(task);
    if ('unknown' in read) return error(`${who}: ${read.unknown}.`);
    if (read.containers.length === 0) return notApplicable(() => `${who} has no container definitions.`);
    const privileged: string[] = [];
    for (const c of read.containers) {
      if (isUnresolved(c.props.Privileged))
        return error(`${who}: ${describeUnresolved(`${c.name}.Privileged`, c.props.Privileged)}.`);
      if (asBoolean(c.props.Privileged) === true) privileged.push(c.name);
    }
    if (privileged.length > 0)
      return fail(
        `${who} runs privileged container${privileged.length === 1 ? '' : 's'} ${privileged.join(', ')}.`,
      );
    return pass(() => `${who} runs no privileged containers.`);
  },
});
