import { useEffect, useRef } from 'react';
// Only the line and heat-map series, their axes, tooltip and colour scale, and the SVG renderer.
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart, type HeatmapSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  VisualMapComponent,
  type GridComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { StationRow } from '../../services';

echarts.use([LineChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type StationChartOption = echarts.ComposeOption<
  LineSeriesOption | HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

/** Tenths (825) as the figure people read (82.5). */
export const fromTenths = (tenths: number) => tenths / 10;

/** The trend of one enterprise: its total per round, oldest first, labelled by round and base date. */
export function trendOption(row: StationRow, seriesName: string, roundLabel: (n: number) => string): StationChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', confine: true },
    grid: { left: 48, right: 24, top: 24, bottom: 48 },
    xAxis: {
      type: 'category',
      data: row.trend.map((p) => `${roundLabel(p.roundNo)}\n${p.baseDate}`),
      axisLabel: { fontSize: 11 },
    },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        type: 'line',
        name: seriesName,
        data: row.trend.map((p) => fromTenths(p.totalTenths)),
        label: { show: true, fontSize: 11 },
        symbolSize: 8,
      },
    ],
  };
}

/** The score rate (%) of every domain (x) for every enterprise (y); a domain without a rate stays blank. */
export function heatOption(rows: StationRow[], domains: string[]): StationChartOption {
  const data: [number, number, number][] = [];
  rows.forEach((row, y) =>
    row.domainScores.forEach((score, x) => {
      if (score !== null) data.push([x, y, fromTenths(score)]);
    }),
  );
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    tooltip: { position: 'top', confine: true },
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: domains, axisLabel: { interval: 0, rotate: 30, fontSize: 11 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 11, width: 180, overflow: 'truncate' } },
    visualMap: {
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#f5222d', '#fadb14', '#52c41a'] },
    },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 10 } }],
  };
}

type Props = {
  option: StationChartOption;
  /** What the chart shows, for screen readers. */
  label: string;
  testId: string;
  /** Explicit size: ECharts draws into a box it can measure, and jsdom measures nothing. */
  width: number;
  height: number;
};

/** An ECharts chart drawn as SVG; the instance lives as long as the element. */
export default function StationChart({ option, label, testId, width, height }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const instance = echarts.init(el, undefined, { renderer: 'svg', width, height });
    chart.current = instance;
    return () => {
      instance.dispose();
      chart.current = null;
    };
  }, [width, height]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, width, height]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width, height, maxWidth: '100%' }} />;
}
