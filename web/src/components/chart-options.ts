import type { Point } from '../api-types';
import type { Formatters } from '../format';
import type { ChartOption } from './chart';

// Chart options that read right to left in Arabic: the time axis runs from right (old) to left (new),
// the value axis sits on the right, legends are right-aligned; numbers and dates through Intl.

export interface LineSeries {
  name: string;
  data: Point[];
  type?: 'line' | 'bar';
  yAxisIndex?: number;
  area?: boolean;
  markLine?: unknown;
  markArea?: unknown;
  markPoint?: unknown;
}

export const legendFor = (rtl: boolean) => ({
  top: 0,
  ...(rtl ? { right: 8, align: 'right' as const } : { left: 8, align: 'left' as const }),
  type: 'scroll' as const,
});

export const timeSeriesOption = (
  series: LineSeries[],
  fmt: Formatters,
  opts: { bucket?: string; percentAxis?: boolean } = {},
): ChartOption => {
  const { rtl } = fmt;
  const valueAxis = (percent: boolean, second: boolean) => ({
    type: 'value' as const,
    position: (rtl ? !second : second) ? ('right' as const) : ('left' as const),
    min: 0,
    ...(percent ? { max: 1 } : {}),
    splitLine: { show: !second },
    axisLabel: { formatter: (v: number) => (percent ? fmt.pct(v) : fmt.num(v)) },
  });
  const twoAxes = series.some((s) => s.yAxisIndex === 1);
  return {
    grid: { top: 40, bottom: 30, left: 12, right: 12, containLabel: true },
    legend: legendFor(rtl),
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.num(v, 3) : String(v)),
    },
    xAxis: {
      type: 'time',
      inverse: rtl,
      axisLabel: { formatter: (v: number) => fmt.axisTime(v, opts.bucket), hideOverlap: true },
    },
    yAxis: twoAxes
      ? [valueAxis(false, false), valueAxis(true, true)]
      : [valueAxis(!!opts.percentAxis, false)],
    series: series.map((s) => ({
      name: s.name,
      type: s.type ?? 'line',
      showSymbol: false,
      yAxisIndex: s.yAxisIndex ?? 0,
      ...(s.area ? { areaStyle: { opacity: 0.15 } } : {}),
      data: s.data,
      ...(s.markLine ? { markLine: s.markLine } : {}),
      ...(s.markArea ? { markArea: s.markArea } : {}),
      ...(s.markPoint ? { markPoint: s.markPoint } : {}),
    })),
  };
};

export const barOption = (rows: Array<{ name: string; value: number }>, fmt: Formatters): ChartOption => ({
  grid: { top: 10, bottom: 10, left: 12, right: 12, containLabel: true },
  tooltip: {
    trigger: 'axis',
    valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.num(v) : String(v)),
  },
  xAxis: { type: 'value', inverse: fmt.rtl, axisLabel: { formatter: (v: number) => fmt.num(v) } },
  yAxis: {
    type: 'category',
    position: fmt.rtl ? 'right' : 'left',
    data: rows.map((r) => r.name),
    inverse: true,
  },
  series: [{ type: 'bar', data: rows.map((r) => r.value) }],
});
