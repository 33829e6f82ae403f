// The admin page's charting library, bundled by esbuild into dist/charts.js (+ charts.css) and shipped as an app asset: no CDN.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

window.uPlot = uPlot;
