import { describe, expect, it } from 'vitest';
import {
  HclCall,
  HclExpr,
  hclString,
  hclTemplate,
  listElements,
  literalString,
  renderValue,
} from './hcl-values.js';

describe('HCL values', () => {
  it('renders objects with the = of each run aligned, as terraform fmt does', () => {
    const text = renderValue(
      new HclCall('jsonencode', {
        Version: '2012-10-17',
        Statement: [{ Sid: 'A', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Effect: 'Deny' }],
      }),
      '  ',
    );
    expect(text).toBe(
      [
        'jsonencode({',
        '    Version   = "2012-10-17"',
        '    Statement = [',
        '      {',
        '        Sid       = "A"',
        '        Condition = {',
        '          Bool = {',
        '            "aws:SecureTransport" = "false"',
        '          }',
        '        }',
        '        Effect = "Deny"',
        '      },',
        '    ]',
        '  })',
      ].join('\n'),
    );
  });

  it('escapes template markers in literals and writes references in templates', () => {
    expect(hclString('a ${b} %{c}')).toBe('"a $${b} %%{c}"');
    expect(hclTemplate([new HclExpr('aws_s3_bucket.b.arn'), '/*']).text).toBe('"${aws_s3_bucket.b.arn}/*"');
    expect(renderValue([new HclExpr('x.id'), 'y', 3, true], '')).toBe('[x.id, "y", 3, true]');
  });

  it('reads the elements of a written list, over lines and with comments', () => {
    const text = 'x = [\n  "a", # first\n  var.b,\n  "c,]",\n]';
    const open = text.indexOf('[');
    const list = listElements(text, open, text.length)!;
    expect(list.elements.map((e) => e.text)).toEqual(['"a"', 'var.b', '"c,]"']);
    expect(list.close).toBe(text.length - 1);
    expect(listElements('x = var.list', 4, 12)).toBeUndefined();
  });

  it('reads plain string literals only', () => {
    expect(literalString('"0.0.0.0/0"')).toBe('0.0.0.0/0');
    expect(literalString('"${var.cidr}"')).toBeUndefined();
    expect(literalString('var.cidr')).toBeUndefined();
  });
});
