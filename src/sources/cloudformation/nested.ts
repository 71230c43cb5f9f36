import { readFileSync } from 'node:fs';
import { dirname, relative, resolve as resolvePath, sep } from 'node:path';
import { InputError, isUnresolved, unresolved } from '../../model/index.js';
import { decodeTemplateBytes } from './decode.js';
import { resolve, resourceProps } from './intrinsics.js';
import { isTemplateValue, parseTemplateText, type KeyPath } from './parse.js';
import { isPlainObject, type LoadedChild, type PlainObject, type Scope } from './scope.js';
import type { StackContext, StackResult } from './template.js';

/** Nested stacks deeper than this are not followed. */
const MAX_NESTING = 10;

type Evaluate = (
  template: PlainObject,
  lineOf: (path: KeyPath) => number | undefined,
  stack: StackContext,
) => StackResult;

/** A `TemplateURL` that points at a file beside the template rather than at S3 or a web server. */
export function isLocalTemplateUrl(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

/** Display path of a file: relative to the input directory, with forward slashes. */
export function displayPath(baseDir: string, file: string): string {
  return relative(baseDir, file).split(sep).join('/');
}

/**
 * Loads `AWS::CloudFormation::Stack` resources whose `TemplateURL` is a local relative path (the
 * form `aws cloudformation package` uploads), with the stack's `Parameters`. Remote templates are
 * reported as unexpanded.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stack.html
 */
export function makeChildLoader(stack: StackContext, evaluate: Evaluate) {
  return (scope: Scope, logicalId: string): LoadedChild | undefined => {
    const props = resourceProps(scope, logicalId);
    const path = `Resources.${logicalId}.Properties.TemplateURL`;
    const url = props.TemplateURL;
    const notLoaded = (why: string) => {
      scope.gap('unexpanded', `Nested stack ${logicalId} is not loaded: ${why}`, path);
      return undefined;
    };
    if (isUnresolved(url) && /(https?|s3):\/\//.test(JSON.stringify(url.expression))) {
      return notLoaded('its template is remote (an S3 or HTTPS URL)');
    }
    if (typeof url !== 'string') return notLoaded('its TemplateURL is not determined');
    if (!isLocalTemplateUrl(url)) return notLoaded(`its template is remote (${url})`);
    if (!stack.absFile) return notLoaded('the parent template has no file to resolve the path against');
    if (stack.ancestry.length >= MAX_NESTING) return notLoaded(`nesting is deeper than ${MAX_NESTING}`);
    const childFile = resolvePath(dirname(stack.absFile), url);
    if (childFile === stack.absFile || stack.ancestry.includes(childFile)) {
      return notLoaded('its template includes itself');
    }
    const baseDir = stack.baseDir ?? dirname(stack.absFile);
    const file = displayPath(baseDir, childFile);
    let parsed;
    try {
      parsed = parseTemplateText(decodeTemplateBytes(readFileSync(childFile), file), file);
    } catch (error) {
      if (error instanceof InputError) {
        scope.gap('parse-error', `Nested stack ${logicalId}: ${error.located}`, path);
        return undefined;
      }
      const code = (error as NodeJS.ErrnoException).code;
      return notLoaded(
        code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${code ?? error})`,
      );
    }
    if (!isTemplateValue(parsed.value)) return notLoaded(`${file} is not a CloudFormation template`);

    const child = evaluate(parsed.value, parsed.lineOf, {
      file,
      absFile: childFile,
      baseDir,
      idPrefix: `${stack.idPrefix}${logicalId}/`,
      options: stack.options,
      parentParams: isPlainObject(props.Parameters) ? props.Parameters : {},
      ancestry: [...stack.ancestry, stack.absFile],
    });
    return {
      resources: child.resources,
      coverage: child.coverage,
      output: (name, mode) => {
        const output = child.scope.outputs[name];
        if (!isPlainObject(output) || !('Value' in output)) {
          scope.gap(
            'missing-reference',
            `Nested stack ${logicalId} has no output ${name}`,
            `Resources.${logicalId}`,
          );
          return unresolved(
            { 'Fn::GetAtt': [scope.idOf(logicalId), `Outputs.${name}`] },
            `no output ${name}`,
          );
        }
        return resolve(output.Value, child.scope, `Outputs.${name}.Value`, mode);
      },
    };
  };
}
