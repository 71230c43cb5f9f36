/**
 * The IAM policy engine: parse and validate policies, evaluate requests as AWS does, and build the
 * IAM view of a snapshot (principals, their policies, resource policies, SCP / RCP tree).
 * See docs/iam.md.
 */
export * from './types.js';
export { parsePolicy, type ParseResult } from './parse.js';
export { evaluate, requestContext, resourceAccountOf, type PolicyGroup } from './evaluate.js';
export { evaluateCondition, matchValue, type ConditionResult, type ContextLookup } from './conditions.js';
export { actionMatches, resourceMatches, arnLike, compile, type VariableResolver } from './match.js';
export { principalForms, notPrincipalExempts, accountOfEntry, type PrincipalForm } from './principals.js';
export { parseOperator, operatorName, OPERATORS, NEGATED } from './operators.js';
export {
  buildIamModel,
  policiesFor,
  findPrincipals,
  resolvePrincipal,
  externalPrincipal,
  FOREIGN_POLICIES,
  principalInfo,
  findResource,
  placeOf,
  resourcePolicyFor,
  type IamModel,
  type IamModelOptions,
  type IamPrincipal,
  type IamGroup,
  type IamResource,
  type IamIssue,
  type OrgTree,
  type PrincipalRef,
  type ResourcePlace,
} from './model.js';
export { simulate, type Simulation, type SimulateOptions } from './simulate.js';
export {
  checkSessionDuration,
  MIN_SESSION_SECONDS,
  CHAINED_MAX_SECONDS,
  DEFAULT_SESSION_SECONDS,
  type SessionDurationCheck,
} from './sts.js';
