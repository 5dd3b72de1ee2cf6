// Progressive enhancement for the devis editor (/admin/devis/nouveau): the article
// search answers as you type. Each result's "Ajouter" button is a submit button of
// the editor's form, exactly like the results the server renders without JavaScript,
// so adding a line always goes through the server (totals, prices, checks).
(function () {
  'use strict';
  var input = document.getElementById('q');
  var list = document.getElementById('results');
  if (!input || !list || !window.fetch) return;
  var timer = null;
  input.addEventListener('keydown', function (e) {
    // Enter adds the first result, as a phone keyboard's "OK" would expect.
    if (e.key === 'Enter' && list.querySelector('button[name=add]')) {
      e.preventDefault();
      list.querySelector('button[name=add]').click();
    }
  });
  input.addEventListener('input', function () {
    var suggested = document.getElementById('suggested');
    if (suggested) suggested.hidden = true;
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (!q) { list.textContent = ''; return; }
      fetch(input.getAttribute('data-live') + '?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          if (input.value.trim() !== q) return;
          list.textContent = '';
          items.forEach(function (p) {
            var li = document.createElement('li');
            var span = document.createElement('span');
            var b = document.createElement('b'); b.textContent = p.title;
            span.appendChild(b);
            span.appendChild(document.createTextNode(' · ' + p.price + (p.stock ? ' · ' + p.stock : '') + ' '));
            var small = document.createElement('small'); small.className = 'muted'; small.textContent = 'Réf. ' + p.sku;
            span.appendChild(small);
            var add = document.createElement('button');
            add.type = 'submit'; add.name = 'add'; add.value = p.sku; add.className = 'secondary';
            add.textContent = 'Ajouter';
            li.appendChild(span); li.appendChild(document.createTextNode(' ')); li.appendChild(add);
            list.appendChild(li);
          });
          if (!items.length) {
            var none = document.createElement('li');
            none.className = 'muted'; none.textContent = 'Aucun article ne correspond à « ' + q + ' ».';
            list.appendChild(none);
          }
        })
        .catch(function () {});
    }, 200);
  });
})();
