// The canary slider says its value as it moves (a file, not an inline handler: the pages' CSP allows no inline script).
document.addEventListener('input', function (event) {
  var shows = event.target.getAttribute && event.target.getAttribute('data-shows');
  if (shows) {
    document.getElementById(shows).textContent = event.target.value + ' %';
  }
});
