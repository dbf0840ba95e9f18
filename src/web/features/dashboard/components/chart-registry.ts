import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

/**
 * Chart.js with only what the dashboard draws registered (tree-shaken: no chart.js/auto): line and bar charts on
 * category and linear scales, the heatmap's matrix, legend (click to hide a series) and tooltips. Titles and
 * captions are the page's own text, not drawn on the canvas.
 */
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, MatrixController, MatrixElement);

export { Chart };
