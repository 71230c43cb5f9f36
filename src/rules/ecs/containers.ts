/** The container definitions of an ECS task definition, with the names reasons use. */
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved } from '../rule.js';

export const TASK_DEFINITION = 'AWS::ECS::TaskDefinition';

export interface Container {
  readonly name: string;
  readonly props: Readonly<Record<string, unknown>>;
}

/** The containers, or why they cannot be read. */
export function containersOf(task: Resource): { containers: Container[] } | { unknown: string } {
  const list = task.props.ContainerDefinitions;
  if (isUnresolved(list)) return { unknown: describeUnresolved('ContainerDefinitions', list) };
  if (!Array.isArray(list)) return { containers: [] };
  const containers: Container[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (isUnresolved(c)) return { unknown: describeUnresolved(`ContainerDefinitions[${i}]`, c) };
    if (c === null || typeof c !== 'object') continue;
    const props = c as Record<string, unknown>;
    containers.push({
      name: typeof props.Name === 'string' ? props.Name : `ContainerDefinitions[${i}]`,
      props,
    });
  }
  return { containers };
}
