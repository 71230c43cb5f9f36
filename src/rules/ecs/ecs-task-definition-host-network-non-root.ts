import { isUnresolved } from '../../model/index.js';
import {
  asString,
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
} from '../rule.js';
import { containersOf, TASK_DEFINITION } from './containers.js';

/** `root`, `0`, `root:group`, `0:0`, or no user (Docker's default is the image's, usually root). */
function runsAsRoot(user: string | undefined): boolean {
  if (user === undefined) return true;
  const name = user.split(':')[0]!;
  return name === 'root' || name === '0';
}

/**
 * Compliant: a task definition in `host` network mode runs every container as a non-root user
 * (`User` set and neither `root` nor `0`). Other network modes are not applicable.
 */
export default defineRule({
  id: 'ecs-task-definition-host-network-non-root',
  title: 'ECS task definition in host network mode runs no container as root',
  category: 'security',
  severity: 'high',
  resourceTypes: [TASK_DEFINITION],
  rationale:
    'In host network mode a container shares the instance’s network stack: it can bind any port, see every interface and reach the instance metadata service as the host does. Running it as root (the default when no user is set) removes the last barrier between a compromised process and the host network.',
  remediation: {
    text: 'Use the awsvpc network mode, or set User to a non-root UID in every container of host-mode task definitions.',
    cloudformation: 'NetworkMode: awsvpc\nContainerDefinitions:\n  - Name: app\n    User: "1000:1000"',
    terraform:
      'network_mode = "awsvpc"\ncontainer_definitions = jsonencode([{\n  name = "app"\n  user = "1000:1000"\n}])',
  },
  controls: ['aws-fsbp:ECS.1'],
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
  ],
  evaluate(task) {
    const who = `ECS task definition ${label(task)}`;
    const mode = task.props.NetworkMode;
    if (isUnresolved(mode)) return error(`${who}: ${describeUnresolved('NetworkMode', mode)}.`);
    if (mode !== 'host') return notApplicable(() => `${who} does not use host network mode.`);
    const read = containersOf(task);
    if ('unknown' in read) return error(`${who}: ${read.unknown}.`);
    const root: string[] = [];
    for (const c of read.containers) {
      if (isUnresolved(c.props.User))
        return error(`${who}: ${describeUnresolved(`${c.name}.User`, c.props.User)}.`);
      if (runsAsRoot(asString(c.props.User)))
        root.push(`${c.name}${c.props.User === undefined ? ' (no User)' : ''}`);
    }
    if (root.length > 0) return fail(`${who} uses host network mode and runs ${root.join(', ')} as root.`);
    return pass(() => `${who} uses host network mode with non-root users only.`);
  },
});
