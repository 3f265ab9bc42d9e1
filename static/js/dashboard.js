/*
 * The leaders' dashboard (templates/dashboard/home.html): draws each chart from its JSON data
 * block with the vendored plotly.js, and lays the charts out again for print.
 *
 * No inline script anywhere: the figures come as <script type="application/json"> blocks
 * (Django's json_script), which a Content-Security-Policy allowing only the app's own scripts
 * permits. Nothing is fetched from the internet: the world map's topology comes from
 * static/vendor/plotly/topojson/ (config.topojsonURL).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-dashboard]");
  if (!root || !window.Plotly) {
    return;
  }

  var config = {
    displayModeBar: false,
    displaylogo: false,
    responsive: true,
    scrollZoom: false,
    topojsonURL: root.getAttribute("data-topojson-url"),
  };

  // Smaller type and margins when printed: the cards and the charts share one A4 landscape page.
  var PRINT_LAYOUT = {
    "font.size": 8,
    "title.font.size": 9,
    "legend.font.size": 7,
  };
  var PRINT_MARGIN_SCALE = 0.5;

  var charts = [];
  root.querySelectorAll(".chart-plot[data-figure]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-figure"));
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    charts.push({ element: element, figure: figure });
  });

  // A click on a bar, a point or a country opens the list of the records behind it, where the
  // figure carries one (links are left out for users who may not open that list).
  function followLinks(chart) {
    var links = chart.figure.links;
    if (!links || chart.listening) {
      return;
    }
    chart.listening = true;
    chart.element.classList.add("chart-linked");
    chart.element.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      if (!point) {
        return;
      }
      var traceLinks = links[point.curveNumber] || [];
      var index = point.pointIndex !== undefined ? point.pointIndex : point.pointNumber;
      var url = traceLinks[index];
      if (url) {
        window.location.assign(url);
      }
    });
  }

  function draw(chart, extra) {
    var layout = JSON.parse(JSON.stringify(chart.figure.layout));
    Object.keys(extra || {}).forEach(function (path) {
      var keys = path.split(".");
      var target = layout;
      keys.slice(0, -1).forEach(function (key) {
        target[key] = target[key] || {};
        target = target[key];
      });
      target[keys[keys.length - 1]] = extra[path];
    });
    return window.Plotly.react(chart.element, chart.figure.data, layout, config).then(function () {
      followLinks(chart);
    });
  }

  var layoutFor = null;

  // Draw every chart for the screen or for print; data-charts-layout says which is done.
  function layOut(forPrint) {
    var mode = forPrint ? "print" : "screen";
    if (layoutFor === mode) {
      return;
    }
    layoutFor = mode;
    root.removeAttribute("data-charts-layout");
    var drawn = charts.map(function (chart) {
      if (!forPrint) {
        return draw(chart);
      }
      // Under print CSS each container has its printed size; plotly draws to it exactly.
      var box = chart.element.getBoundingClientRect();
      if (!box.width || !box.height) {
        return Promise.resolve(); // not printed (display: none)
      }
      var extra = Object.assign({}, PRINT_LAYOUT, {
        width: Math.floor(box.width),
        height: Math.floor(box.height),
      });
      var margin = chart.figure.layout.margin || {};
      Object.keys(margin).forEach(function (side) {
        extra["margin." + side] = Math.round(margin[side] * PRINT_MARGIN_SCALE);
      });
      return draw(chart, extra);
    });
    Promise.all(drawn).then(function () {
      if (layoutFor === mode) {
        root.setAttribute("data-charts-layout", mode);
      }
    });
  }

  layOut(window.matchMedia("print").matches);

  var printMedia = window.matchMedia("print");
  var onChange = function (event) {
    layOut(event.matches);
  };
  if (printMedia.addEventListener) {
    printMedia.addEventListener("change", onChange);
  } else if (printMedia.addListener) {
    printMedia.addListener(onChange);
  }
  window.addEventListener("beforeprint", function () {
    layOut(true);
  });
  window.addEventListener("afterprint", function () {
    layOut(false);
  });

  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () {
      window.print();
    });
  }
})();
