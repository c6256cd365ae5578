/* Stockflow's little script: CSRF header for htmx, live order status (SSE), toasts. No inline code (CSP). */
(function () {
  'use strict';

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  // every htmx request carries the session's CSRF token, as forms do
  document.addEventListener('htmx:configRequest', function (e) {
    var token = meta('csrf-token');
    if (token) {
      e.detail.headers[meta('csrf-header') || 'X-CSRF-TOKEN'] = token;
    }
  });

  // ---- toasts: dismiss with the button; settled ones leave by themselves after a while
  document.addEventListener('click', function (e) {
    var close = e.target.closest && e.target.closest('.toast-close');
    if (close) {
      close.closest('.toast').remove();
    }
  });
  function ageToasts(root) {
    (root.querySelectorAll ? root : document).querySelectorAll('.toast.final:not([data-aging])').forEach(function (t) {
      t.setAttribute('data-aging', '1');
      setTimeout(function () { t.classList.add('leaving'); }, 9000);
      setTimeout(function () { t.remove(); }, 9600);
    });
  }

  // ---- live order status: one EventSource per order that may still change
  var FINAL = { CONFIRMED: true, REJECTED: true, CANCELLED: true };

  function refreshRow(id) {
    if (window.htmx) {
      htmx.ajax('GET', '/orders/' + id + '/row', { target: '#order-' + id, swap: 'outerHTML' });
    }
  }

  function watch(row, attempt) {
    var id = row.getAttribute('data-order-id');
    if (!id || row.getAttribute('data-watching') === '1' || !window.EventSource) {
      return;
    }
    row.setAttribute('data-watching', '1');
    var source = new EventSource('/orders/' + id + '/events');
    source.addEventListener('status', function (e) {
      var data = JSON.parse(e.data);
      var badge = row.querySelector('[data-role="status"]');
      if (badge && badge.textContent !== data.status) {
        badge.textContent = data.status;
        badge.className = 'badge status-' + data.status;
      }
      if (data.reason) {
        var reason = row.querySelector('[data-role="reason"]');
        if (reason) {
          reason.hidden = false;
          reason.textContent = 'Rejected: ' + data.reason;
        }
      }
      if (FINAL[data.status] && !(data.status === 'CONFIRMED' && row.getAttribute('data-cancelling') === '1')) {
        source.close();
        refreshRow(id);
      }
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // not known yet (404 until order-service has the order) or the connection dropped: try again
        row.removeAttribute('data-watching');
        if ((attempt || 0) < 60 && document.body.contains(row)) {
          setTimeout(function () { watch(row, (attempt || 0) + 1); }, 1000);
        }
      }
    };
  }

  function watchAll(root) {
    (root.querySelectorAll ? root : document).querySelectorAll('[data-watch="true"]').forEach(function (row) {
      watch(row, 0);
    });
    if (root.matches && root.matches('[data-watch="true"]')) {
      watch(root, 0);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    // long filter panels start closed on narrow screens, so the items come first
    if (window.matchMedia) {
      var narrow = window.matchMedia('(max-width: 60rem)');
      var fold = function () {
        if (narrow.matches) {
          document.querySelectorAll('details[data-close-narrow]').forEach(function (d) { d.open = false; });
        }
      };
      fold();
      narrow.addEventListener('change', fold);
    }
    watchAll(document);
    ageToasts(document);
  });
  document.addEventListener('htmx:load', function (e) {
    watchAll(e.detail.elt);
    ageToasts(e.detail.elt.parentNode || document);
  });

  // ---- health page: transitions arrive over SSE; each tells the page's parts to draw themselves again
  document.addEventListener('DOMContentLoaded', function () {
    var page = document.querySelector('[data-health-stream]');
    if (!page || !window.EventSource) {
      return;
    }
    var source = new EventSource(page.getAttribute('data-health-stream'));
    function changed() {
      if (window.htmx) {
        htmx.trigger(document.body, 'stockflow:health');
      }
    }
    source.addEventListener('transition', changed);
    source.addEventListener('monitor', changed);
  });
})();
