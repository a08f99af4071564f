import { useEffect, useRef } from 'react';
// Only the radar series, its tooltip and the SVG renderer: the rest of ECharts stays out of the bundle.
import * as echarts from 'echarts/core';
import { RadarChart as RadarSeries, type RadarSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([RadarSeries, TooltipComponent, SVGRenderer]);

export type RadarOption = echarts.ComposeOption<RadarSeriesOption | TooltipComponentOption>;

export type RadarPoint = { name: string; value: number };

type Props = {
  /** One axis per point, in order; values on a 0–max scale. */
  points: RadarPoint[];
  max: number;
  /** The series' name, shown in the tooltip. */
  seriesName: string;
  /** What the chart shows, for screen readers. */
  label: string;
  testId: string;
  /** Explicit size: ECharts draws into a box it can measure, and jsdom measures nothing. */
  width: number;
  height: number;
};

/** The option drawn for the points: one filled polygon on a 0–max radar, values labelled. */
export function radarOption(points: RadarPoint[], max: number, seriesName: string): RadarOption {
  return {
    animation: false,
    // The app's own fonts (styles.css), so that the Chinese names render as on the rest of the page.
    textStyle: { fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif' },
    tooltip: { trigger: 'item', confine: true },
    radar: {
      center: ['50%', '52%'],
      radius: '62%',
      indicator: points.map((p) => ({ name: p.name, max })),
      axisName: { color: '#595959', fontSize: 12 },
      splitNumber: 4,
    },
    series: [
      {
        type: 'radar',
        name: seriesName,
        areaStyle: { opacity: 0.25 },
        label: { show: true, fontSize: 11, color: '#1677ff' },
        data: [{ name: seriesName, value: points.map((p) => p.value) }],
      },
    ],
  };
}

/**
 * A radar chart drawn by ECharts as SVG (crisp at any zoom, searchable text); the instance lives as
 * long as the element and is disposed with it.
 */
export default function RadarChart({ points, max, seriesName, label, testId, width, height }: Props) {
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
    chart.current?.setOption(radarOption(points, max, seriesName), { notMerge: true });
  }, [points, max, seriesName, width, height]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width, height, maxWidth: '100%' }} />;
}
