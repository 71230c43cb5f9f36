import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { buildDemoOrganisation } from '../../sources/demo/index.js';
import { diagramQuestion } from '../../questions/diagram.js';
import { layoutDiagram } from './layout.js';
import { renderDrawio } from './drawio.js';
import { renderMermaid } from './mermaid.js';
it('x', async () => {
  const d = diagramQuestion(buildDemoOrganisation());
  const l = await layoutDiagram(d);
  writeFileSync('/tmp/demo.drawio', renderDrawio(d, l));
  writeFileSync('/tmp/demo.mmd', renderMermaid(d));
});
