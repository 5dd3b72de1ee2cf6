// Asks before a form marked data-confirm="question" is sent (deleting a product,
// erasing a customer). Without JavaScript the form is sent as is: the pages that
// destroy data also ask on the server side where it matters.
document.addEventListener('submit', function (e) {
  var q = e.target.getAttribute && e.target.getAttribute('data-confirm');
  if (q && !window.confirm(q)) {
    e.preventDefault();
  }
});
