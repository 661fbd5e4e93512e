import { BarChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTheme } from '../theme';

// Only the chart types and components the dashboard draws are bundled (echarts/core + use()); the
// network graph registers itself on the campaign page, so the other pages do not load it.
echarts.use([
  BarChart,
  LineChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

declare global {
  interface Window {
    /** The live chart instances by id, for the browser tests (`getOption()` holds the plotted data). */
    __marsadCharts?: Record<string, echarts.ECharts>;
  }
}

/** Fonts that shape Arabic (joined letters) on Linux, macOS and Windows, then the system sans. */
export const CHART_FONT =
  "'Noto Sans Arabic', 'Noto Naskh Arabic', 'Segoe UI', Tahoma, 'Geeza Pro', 'DejaVu Sans', sans-serif";

export interface ChartProps {
  id: string;
  option: ChartOption;
  /** What the chart shows, for screen readers. */
  label: string;
  height?: number;
}

/** A thin React wrapper over one ECharts instance: re-created on theme change, resized with its box. */
export const Chart = ({ id, option, label, height = 280 }: ChartProps) => {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { theme } = useTheme();

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const instance = echarts.init(el, theme === 'dark' ? 'dark' : undefined);
    chart.current = instance;
    const registry = (window.__marsadCharts ??= {});
    registry[id] = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      if (registry[id] === instance) delete registry[id];
      instance.dispose();
      chart.current = null;
    };
  }, [id, theme]);

  useEffect(() => {
    chart.current?.setOption(
      { backgroundColor: 'transparent', textStyle: { fontFamily: CHART_FONT }, ...option },
      { notMerge: true },
    );
  }, [option, theme]);

  return <div ref={box} className="chart" role="img" aria-label={label} data-chart={id} style={{ height }} />;
};
