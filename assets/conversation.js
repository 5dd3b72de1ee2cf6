// Progressive enhancement for /admin/conversations/{id}: every 5 s, fetch the
// messages newer than the last one shown and append them, and move the delivery
// ticks of the latest ones. Without JavaScript the page works the same, a reload
// shows new messages.
(function () {
  var thread = document.getElementById('thread');
  if (!thread || !window.fetch) return;
  var feed = thread.getAttribute('data-feed');
  var after = parseInt(thread.getAttribute('data-after') || '0', 10);
  thread.scrollTop = thread.scrollHeight;

  function render(m) {
    var div = document.createElement('div');
    div.className = 'msg ' + m.dir;
    div.setAttribute('data-id', m.id);
    div.appendChild(document.createTextNode(m.body));
    if (m.media) {
      var a = document.createElement('a');
      a.href = m.media;
      a.textContent = ' pièce jointe';
      div.appendChild(a);
    }
    var meta = document.createElement('span');
    meta.className = 'meta';
    meta.appendChild(document.createTextNode(m.author + ' · ' + m.time + ' '));
    if (m.tick) {
      var t = document.createElement('span');
      t.className = 'tick ' + m.tick_class;
      t.title = m.tick_title;
      t.textContent = m.tick;
      meta.appendChild(t);
    }
    div.appendChild(meta);
    return div;
  }

  function poll() {
    fetch(feed + '?after=' + after, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        (data.ticks || []).forEach(function (t) {
          var el = thread.querySelector('[data-id="' + t.id + '"] .tick');
          if (!el) return;
          el.className = 'tick ' + t.tick_class;
          el.title = t.tick_title;
          el.textContent = t.tick;
        });
        var empty = document.getElementById('empty');
        data.messages.forEach(function (m) {
          if (thread.querySelector('[data-id="' + m.id + '"]')) return;
          if (empty) { empty.remove(); empty = null; }
          thread.appendChild(render(m));
          after = Math.max(after, m.id);
          thread.scrollTop = thread.scrollHeight;
        });
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 5000);
})();
