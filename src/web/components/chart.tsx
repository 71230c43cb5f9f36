/**
 * A uPlot time-series chart. uPlot draws on a canvas and sets its sizes through the CSSOM, which the
 * server's strict Content-Security-Policy allows (only inline style attributes and <style> are refused).
 * Canvas content is invisible to assistive technology, so callers pass a text summary as `label`
 * and keep a table of the same numbers next to the chart.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  colour: string;
  values: ReadonlyArray<number | null>;
  /** Draw points only (e.g. anomalies over a spend line). */
  points?: boolean;
}

export interface ChartProps {
  label: string;
  /** Unix seconds. */
  x: readonly number[];
  series: readonly ChartSeries[];
  height?: number;
  yLabel?: string;
}

export function Chart({ label, x, series, height = 240, yLabel }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(320, element.clientWidth),
      height,
      axes: [{}, { label: yLabel }],
      series: [
        {},
        ...series.map((s): uPlot.Series =>
          s.points
            ? { label: s.label, stroke: s.colour, width: 0, points: { show: true, size: 10, fill: s.colour } }
            : { label: s.label, stroke: s.colour, width: 2, points: { show: true, size: 5 } },
        ),
      ],
    };
    const data = [Array.from(x), ...series.map((s) => Array.from(s.values))] as uPlot.AlignedData;
    const plot = new uPlot(options, data, element);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(320, element.clientWidth), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, height, yLabel]);
  return <div ref={host} className="chart" role="img" aria-label={label} />;
}
