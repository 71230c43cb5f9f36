/**
 * A property value the source could not determine: an intrinsic function whose inputs are
 * unknown before deploy, a Terraform value "known after apply", an HCL expression. Rules must
 * treat it as unknown (never as a pass). The original expression is kept for explanations.
 */
export interface Unresolved {
  readonly $unresolved: true;
  /** The expression as written, e.g. `{ "Fn::GetAtt": ["Db", "Endpoint.Address"] }` or `aws_vpc.main.id`. */
  readonly expression: unknown;
  /** Why it is unknown, e.g. `known after apply`, `Fn::ImportValue of another stack`. */
  readonly reason: string;
}

export function unresolved(expression: unknown, reason: string): Unresolved {
  return { $unresolved: true, expression, reason };
}

export function isUnresolved(value: unknown): value is Unresolved {
  return (
    typeof value === 'object' && value !== null && (value as { $unresolved?: unknown }).$unresolved === true
  );
}
