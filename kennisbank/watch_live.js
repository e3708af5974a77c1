// The live preview's script (kennisbank/watch_server.py injects it into every page it serves; the
// published site never has it). It listens to the preview's Server-Sent Events: after a rebuild
// that touched this page it reloads it; while a record has an error it shows the check's message
// over the last good page, and hides it when the record is fixed.
(function () {
  "use strict";
  var me = document.currentScript;
  var texts = JSON.parse(me.getAttribute("data-texts"));
  var lang = texts[document.documentElement.lang] ? document.documentElement.lang : Object.keys(texts)[0];
  var words = texts[lang];
  var shownError = null;
  var hidden = null;

  function here() {
    return decodeURIComponent(location.pathname).replace(/index\.html$/, "");
  }

  function touches(urls) {
    if (urls === "*") return true;
    var path = here();
    return urls.some(function (url) { return "/" + url.replace(/index\.html$/, "") === path; });
  }

  function panel() {
    var box = document.getElementById("kb-live-error");
    if (box) return box;
    box = document.createElement("div");
    box.id = "kb-live-error";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:60vh;overflow:auto;" +
      "background:#fff;color:#1a1a1a;border-top:0.3rem solid #b00020;padding:1rem 1.5rem;" +
      "box-shadow:0 -0.2rem 1rem rgba(0,0,0,.3);font:16px/1.5 system-ui,sans-serif";
    var title = document.createElement("h2");
    title.style.cssText = "margin:0 0 .5rem;font-size:1.2rem;color:#b00020";
    title.textContent = words.title;
    var intro = document.createElement("p");
    intro.style.cssText = "margin:0 0 .5rem";
    intro.textContent = words.intro;
    var message = document.createElement("pre");
    message.id = "kb-live-error-message";
    message.style.cssText = "white-space:pre-wrap;margin:0 0 .75rem;font:14px/1.45 ui-monospace,monospace;" +
      "background:#f6f6f6;color:#1a1a1a;padding:.75rem;border:1px solid #767676";
    var hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = words.hide;
    hide.style.cssText = "font:inherit;padding:.4rem 1rem;min-height:44px;cursor:pointer;color:#b00020;" +
      "background:#fff;border:2px solid #b00020;border-radius:.2rem";
    hide.addEventListener("click", function () {
      hidden = shownError;
      box.remove();
    });
    box.append(title, intro, message, hide);
    return box;
  }

  function show(error, errorLang) {
    shownError = error;
    var box = document.getElementById("kb-live-error");
    if (!error || error === hidden) {
      if (box) box.remove();
      return;
    }
    box = panel();
    var message = box.querySelector("pre");
    message.textContent = error;
    message.setAttribute("lang", errorLang);
    if (!box.isConnected) document.body.append(box);
  }

  var source = new EventSource("/__kennisbank/events?since=" + encodeURIComponent(me.getAttribute("data-version")));
  source.addEventListener("message", function (event) {
    var state = JSON.parse(event.data);
    if (touches(state.urls)) {  // the reloaded page shows the error, if there is one
      source.close();
      location.reload();
      return;
    }
    show(state.error, state.error_lang);
  });
})();
