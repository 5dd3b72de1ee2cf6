// Progressive enhancement shared by every admin page; each page works without it.
// - keeps the unread badges and the tab title current (polls /admin/inbox.json);
// - when a new customer message needs a person, shows a browser notification and
//   plays a short sound (after the owner allowed notifications with the bell button);
// - registers the service worker that makes the admin an installable app;
// - asks before buttons marked data-confirm, scrolls threads to their newest message.
(function () {
  'use strict';
  var body = document.body;
  var feed = body && body.getAttribute('data-inbox');
  var KEY = 'varotra.latestWaiting';

  document.querySelectorAll('.thread').forEach(function (t) { t.scrollTop = t.scrollHeight; });

  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-confirm]');
    if (b && !window.confirm(b.getAttribute('data-confirm'))) e.preventDefault();
  });

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/admin/sw.js', { scope: '/admin' }).catch(function () {});
  }

  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      var ctx = new Ctx();
      [880, 660].forEach(function (f, i) {
        var o = ctx.createOscillator(), g = ctx.createGain();
        o.frequency.value = f;
        g.gain.setValueAtTime(0.15, ctx.currentTime + i * 0.18);
        g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.18 + 0.16);
        o.connect(g); g.connect(ctx.destination);
        o.start(ctx.currentTime + i * 0.18); o.stop(ctx.currentTime + i * 0.18 + 0.17);
      });
    } catch (err) { /* no sound on this browser */ }
  }

  function notify(counts) {
    beep();
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    var n = counts.needs_human;
    var note = new Notification('Varotra : un client attend', {
      body: n > 1 ? n + ' conversations attendent une personne.' : 'Une conversation attend une personne.',
      icon: '/assets/icon-192.png',
      tag: 'varotra-waiting'
    });
    note.onclick = function () { window.focus(); window.location.href = '/admin/conversations?status=needs_human'; };
  }

  var baseTitle = document.title.replace(/^\(\d+\) /, '');
  function show(counts) {
    var unread = counts.unread_conversations;
    document.title = (unread > 0 ? '(' + unread + ') ' : '') + baseTitle;
    document.querySelectorAll('[data-count="unread"]').forEach(function (el) {
      el.textContent = unread;
      el.hidden = unread === 0;
    });
    var menu = document.querySelector('.menu a[href="/admin/conversations"]');
    if (menu && unread > 0 && !menu.querySelector('[data-count]')) {
      var s = document.createElement('span');
      s.className = 'count'; s.setAttribute('data-count', 'unread'); s.textContent = unread;
      menu.appendChild(document.createTextNode(' ')); menu.appendChild(s);
    }
    var stored = window.localStorage.getItem(KEY);
    var latest = counts.latest_waiting_message;
    if (stored === null) {
      // The first poll of a browser only remembers where things stand.
      window.localStorage.setItem(KEY, String(latest));
    } else if (latest > parseInt(stored, 10)) {
      window.localStorage.setItem(KEY, String(latest));
      notify(counts);
    }
  }

  function poll() {
    fetch(feed, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (c) { if (c) show(c); })
      .catch(function () {})
      .then(function () { setTimeout(poll, 15000); });
  }
  if (feed && window.fetch && window.localStorage) {
    poll();
    // Back on the tab (or the installed app): the counts are refreshed at once.
    window.addEventListener('focus', function () {
      fetch(feed, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (c) { if (c) show(c); })
        .catch(function () {});
    });
  }

  if ('Notification' in window && Notification.permission === 'default') {
    var top = document.querySelector('header.top');
    if (top) {
      var bell = document.createElement('button');
      bell.type = 'button'; bell.className = 'bell'; bell.textContent = '🔔 Notifications';
      bell.title = 'Être prévenu quand un client attend une personne';
      bell.addEventListener('click', function () {
        Notification.requestPermission().then(function () { bell.remove(); beep(); });
      });
      top.insertBefore(bell, top.querySelector('form.logout'));
    }
  }
})();
