/*
 * Starts the web editor (Decap CMS) on /beheer/: see kennisbank/contrib/editor_site.py.
 *
 * Loaded before decap-cms.js, so that Decap waits (CMS_MANUAL_INIT) until the configuration that
 * the build generated from the schema (config.json, kennisbank/contrib/cms_config.py) is read.
 * Then it registers the record format (record_format.js), sets Decap's interface language from the
 * page's <html lang>, and starts Decap.
 *
 * Local work: with decap-server running (`make beheer`), Decap uses it instead of GitHub when the
 * page is opened on localhost or 127.0.0.1 (Decap's own rule). `?poort=8082` points the editor at
 * a decap-server on another port of the same machine; only a port number is accepted.
 */
window.CMS_MANUAL_INIT = true;

document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var page = document.documentElement;
  var assets = page.getAttribute("data-editor-assets") || "";
  fetch(assets + "config.json")
    .then(function (response) {
      if (!response.ok) throw new Error(assets + "config.json: " + response.status);
      return response.json();
    })
    .then(function (config) {
      config.locale = page.lang || config.locale;
      var proxy = new URL(config.local_backend.url);
      var port = new URLSearchParams(window.location.search).get("poort");
      proxy.hostname = window.location.hostname || proxy.hostname;
      if (port && /^[0-9]{2,5}$/.test(port)) proxy.port = port;
      config.local_backend = { url: proxy.href.replace(/\/$/, "") };
      config.collections.forEach(function (collection) {
        var record = collection.record || {};
        if (collection.format === record.format) {
          window.CMS.registerCustomFormat(collection.format, collection.extension,
            window.KennisbankRecord.format(collection.fields, record.modeline));
        }
      });
      window.CMS.init({ config: config });
    })
    .catch(function (error) {
      var root = document.getElementById("nc-root");
      var message = document.createElement("p");
      message.setAttribute("role", "alert");
      message.textContent = String(error);
      root.appendChild(message);
    });
});
