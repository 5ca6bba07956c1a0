import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { BarChart, LineChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

/*
 * The dashboard's one ECharts wrapper, loaded on its own (React.lazy) so neither the login page
 * nor the dashboard's figures wait for the chart library. Only the line and bar charts and the
 * canvas renderer are registered: the rest of ECharts stays out of the bundle.
 */
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface ChartProps {
  option: ChartOption;
  height?: number;
  label: string;
  /** A click on a bar or a point: its category index (the row of the table beneath). */
  onPick?: (index: number) => void;
}

export default function Chart({ option, height = 260, label, onPick }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const chart = useRef<ReturnType<typeof init>>(undefined);

  useEffect(() => {
    if (!host.current) return;
    const c = init(host.current);
    chart.current = c;
    c.on('click', (p) => pick.current?.(p.dataIndex));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      c.dispose();
    };
  }, []);

  useEffect(() => {
    // No animation: the figures are read, not watched (and screenshots show the whole line).
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);

  return <div ref={host} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
