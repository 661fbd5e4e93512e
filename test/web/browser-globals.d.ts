// What the dashboard exposes on `window` for tests (web/src/components/chart.tsx): chart instances by id.
interface MarsadChart {
  getOption(): unknown;
}

interface Window {
  __marsadCharts?: Record<string, MarsadChart>;
}
