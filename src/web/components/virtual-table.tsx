/**
 * A table that renders only the rows in view (TanStack Virtual), so a million rows cost the same as
 * fifty. Rows it does not have yet render as placeholders and are asked for through `onRange`; the
 * caller fetches that page from the server (filtering and paging happen there, never here).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<Row> {
  id: string;
  header: string;
  /** CSS grid track, e.g. `8rem` or `2fr`. */
  width: string;
  cell: (row: Row) => ReactNode;
}

export interface VirtualTableProps<Row> {
  label: string;
  columns: ReadonlyArray<Column<Row>>;
  count: number;
  rowAt: (index: number) => Row | undefined;
  onRange?: (first: number, last: number) => void;
  onOpen?: (row: Row, index: number) => void;
  selected?: number;
  rowHeight?: number;
  height?: string;
}

export function VirtualTable<Row>({
  label,
  columns,
  count,
  rowAt,
  onRange,
  onOpen,
  selected,
  rowHeight = 34,
  height = '60vh',
}: VirtualTableProps<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count > 0) onRange?.(first, last);
  }, [first, last, count, onRange]);

  const template = columns.map((c) => c.width).join(' ');
  const onKey = (event: KeyboardEvent<HTMLDivElement>, row: Row | undefined, index: number) => {
    if (!row) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen?.(row, index);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.max(0, Math.min(count - 1, index + (event.key === 'ArrowDown' ? 1 : -1)));
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus(),
      );
    }
  };

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={count + 1}>
      <div role="rowgroup">
        <div className="vrow vhead" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div key={c.id} role="columnheader" className="vcell">
              {c.header}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="vbody"
        role="rowgroup"
        tabIndex={-1}
        style={{ height, minHeight: `${Math.min(count, 3) * rowHeight}px` }}
      >
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.key}
                data-index={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected === item.index ? true : undefined}
                tabIndex={row && onOpen ? 0 : -1}
                className={`vrow${selected === item.index ? ' selected' : ''}${row ? '' : ' pending'}`}
                style={{
                  gridTemplateColumns: template,
                  height: `${item.size}px`,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={row && onOpen ? () => onOpen(row, item.index) : undefined}
                onKeyDown={(e) => onKey(e, row, item.index)}
              >
                {columns.map((c) => (
                  <div key={c.id} role="cell" className="vcell">
                    {row ? c.cell(row) : '…'}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
