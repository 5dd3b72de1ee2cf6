// Progressive enhancement for /admin/conversations/{id}; without JavaScript the page
// works the same (a reload shows new messages, "/raccourci" is expanded on send, the
// product search is a plain form).
// - every 5 s, appends the messages newer than the last one shown and moves the
//   delivery ticks of the latest ones;
// - typing "/" in the reply box offers the shop's quick replies; choosing one puts
//   its text (in the conversation's language) in the box, to edit before sending;
// - the product picker searches as you type and can put a product in the reply.
(function () {
  'use strict';
  var thread = document.getElementById('thread');
  if (!thread || !window.fetch) return;
  var feed = thread.getAttribute('data-feed');
  var after = parseInt(thread.getAttribute('data-after') || '0', 10);
  var end = document.getElementById('fin');
  var box = document.getElementById('text');
  thread.scrollTop = thread.scrollHeight;

  function render(m) {
    var div = document.createElement('div');
    div.className = 'msg ' + m.dir;
    div.setAttribute('data-id', m.id);
    if (m.quote) {
      var q = document.createElement('blockquote');
      q.className = 'quote';
      q.textContent = '↩ ' + m.quote;
      div.appendChild(q);
    }
    if (m.label) {
      var l = document.createElement('span');
      l.className = 'media-label';
      l.textContent = m.label + (m.pending_media ? ' (pas encore téléchargé)' : '');
      div.appendChild(l);
      if (m.body) div.appendChild(document.createElement('br'));
    }
    div.appendChild(document.createTextNode(m.body));
    function small(cls, text) {
      var s = document.createElement('small');
      s.className = cls;
      s.textContent = text;
      return s;
    }
    if (m.edited) div.appendChild(small('muted', ' (modifié)'));
    if (m.audio) {
      div.appendChild(document.createElement('br'));
      var au = document.createElement('audio');
      au.controls = true;
      au.preload = 'none';
      au.src = m.audio;
      div.appendChild(au);
    } else if (m.media) {
      var a = document.createElement('a');
      a.href = m.media;
      a.textContent = ' ouvrir la pièce jointe';
      div.appendChild(a);
    }
    if (m.transcript) {
      div.appendChild(document.createElement('br'));
      div.appendChild(small('transcript', '🎤 Transcription automatique : ' + m.transcript));
    }
    if (m.note) {
      div.appendChild(document.createElement('br'));
      div.appendChild(small('muted', m.note));
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
          thread.insertBefore(render(m), end);
          after = Math.max(after, m.id);
          thread.scrollTop = thread.scrollHeight;
        });
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 5000);

  // Quick replies: "/" at the start of the reply box.
  var replies = Array.prototype.map.call(document.querySelectorAll('#quick-replies li'), function (li) {
    return { shortcut: li.getAttribute('data-shortcut'), body: li.getAttribute('data-body') };
  });
  if (box && replies.length) {
    var menu = document.createElement('ul');
    menu.className = 'suggest';
    menu.hidden = true;
    box.parentNode.insertBefore(menu, box.nextSibling);
    var pick = function (r) {
      box.value = r.body;
      menu.hidden = true;
      box.focus();
    };
    box.addEventListener('input', function () {
      var v = box.value;
      menu.textContent = '';
      if (v.charAt(0) !== '/' || v.indexOf(' ') >= 0) { menu.hidden = true; return; }
      var found = replies.filter(function (r) { return r.shortcut.indexOf(v.toLowerCase()) === 0; });
      found.forEach(function (r) {
        var li = document.createElement('li');
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = r.shortcut + ' — ' + r.body.slice(0, 60);
        b.addEventListener('click', function () { pick(r); });
        li.appendChild(b);
        menu.appendChild(li);
      });
      menu.hidden = found.length === 0;
    });
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !menu.hidden && menu.firstChild) {
        e.preventDefault();
        menu.firstChild.firstChild.click();
      }
    });
  }

  // The product picker: results as you type; each can be sent as a card or put in
  // the reply box.
  var input = document.getElementById('produit');
  var list = document.getElementById('picks');
  var csrf = document.querySelector('input[name=csrf]');
  if (input && list && csrf) {
    var action = thread.getAttribute('data-feed').replace('/messages.json', '/product#fin');
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (!q) { list.textContent = ''; return; }
        fetch(input.getAttribute('data-live') + '?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.textContent = '';
            items.forEach(function (p) {
              var li = document.createElement('li');
              var f = document.createElement('form');
              f.method = 'post'; f.action = action;
              [['csrf', csrf.value], ['sku', p.sku]].forEach(function (kv) {
                var h = document.createElement('input');
                h.type = 'hidden'; h.name = kv[0]; h.value = kv[1]; f.appendChild(h);
              });
              var label = document.createElement('span');
              var b = document.createElement('b'); b.textContent = p.title;
              label.appendChild(b);
              label.appendChild(document.createTextNode(' · ' + p.price + (p.photo ? ' · 📷' : '')));
              f.appendChild(label);
              var send = document.createElement('button');
              send.type = 'submit'; send.className = 'secondary'; send.textContent = 'Envoyer la fiche';
              f.appendChild(send);
              if (box) {
                var ins = document.createElement('button');
                ins.type = 'button'; ins.className = 'link'; ins.textContent = 'Mettre dans la réponse';
                ins.addEventListener('click', function () {
                  box.value = (box.value ? box.value.replace(/\s*$/, '\n') : '') + p.title + ' — ' + p.price;
                  box.focus();
                });
                f.appendChild(ins);
              }
              li.appendChild(f);
              list.appendChild(li);
            });
            if (!items.length) {
              var none = document.createElement('li');
              none.className = 'muted'; none.textContent = 'Aucun produit ne correspond.';
              list.appendChild(none);
            }
          })
          .catch(function () {});
      }, 250);
    });
  }
})();
