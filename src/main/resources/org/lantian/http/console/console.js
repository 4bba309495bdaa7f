// The console's little JavaScript: charts from the data-values of each [data-chart] element (ECharts, served by
// Lantian itself), and the fact-type choice that reloads the site-check form.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-autosubmit]').forEach(function (el) {
    el.addEventListener('change', function () { el.form.submit(); });
  });
  if (typeof echarts === 'undefined') return;
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-values') || '{}');
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    if (el.getAttribute('data-chart') === 'heatmap') {
      chart.setOption({
        tooltip: { position: 'top' },
        grid: { left: 110, right: 10, top: 10, bottom: 80 },
        xAxis: { type: 'category', data: d.x || [], axisLabel: { rotate: 60 } },
        yAxis: { type: 'category', data: d.y || [] },
        visualMap: { min: 0, max: d.max || 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
                     inRange: { color: ['#e3f4e8', '#fff3d6', '#f4a259', '#a4161a'] } },
        series: [{ name: d.label, type: 'heatmap', data: d.data || [], label: { show: false } }]
      });
    } else {
      chart.setOption({
        tooltip: { trigger: 'axis' },
        legend: { data: [d.passLabel, d.failedLabel] },
        grid: { left: 40, right: 40, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: d.nights || [] },
        yAxis: [{ type: 'value', min: 0, max: 100 }, { type: 'value', minInterval: 1 }],
        series: [{ name: d.passLabel, type: 'line', data: d.pass || [], connectNulls: true },
                 { name: d.failedLabel, type: 'bar', yAxisIndex: 1, data: d.failed || [] }]
      });
    }
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
