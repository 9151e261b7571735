// Radio staff pages: script length counter and a gentle refresh while audio is being
// synthesised (confirm-before-submit is site.js). No inline handlers (strict CSP).
(function () {
  "use strict";

  function counter() {
    var area = document.querySelector("textarea[data-radio-counter]");
    var out = document.getElementById("script-counter");
    if (!area || !out) return;
    var max = parseInt(area.getAttribute("data-radio-counter"), 10);
    function update() {
      var n = area.value.length;
      var words = area.value.trim() ? area.value.trim().split(/\s+/).length : 0;
      var minutes = Math.max(0, Math.round((words / 150) * 10) / 10);
      out.textContent = n.toLocaleString("vi-VN") + " / " + max.toLocaleString("vi-VN") +
        " ký tự · khoảng " + minutes.toLocaleString("vi-VN") + " phút đọc";
      out.classList.toggle("radio-over", n > max);
    }
    area.addEventListener("input", update);
    update();
  }

  function refresh() {
    var busy = document.querySelector("[data-radio-refresh]");
    if (!busy) return;
    var seconds = parseInt(busy.getAttribute("data-radio-refresh"), 10) || 5;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }

  // Record a bulletin in the browser (MediaRecorder). Browsers give the microphone only to
  // secure pages (HTTPS or localhost), and in-app browsers (Zalo, Facebook) often refuse it:
  // say why in Vietnamese and leave the file upload below as the way round.
  var RECORD_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];

  function extensionFor(type) {
    if (type.indexOf("mp4") >= 0 || type.indexOf("aac") >= 0) return "m4a";
    if (type.indexOf("ogg") >= 0) return "ogg";
    return "webm";
  }

  function whyNoMicrophone() {
    var ua = navigator.userAgent || "";
    if (/Zalo|FBAN|FBAV|FB_IAB|Instagram|Line\//i.test(ua)) {
      return "Trình duyệt bên trong Zalo/Facebook thường không cho dùng micrô. Hãy bấm nút ⋯ " +
        "và chọn “Mở bằng trình duyệt” (Chrome hoặc Safari), hoặc ghi bằng ứng dụng ghi âm " +
        "của điện thoại rồi tải tệp lên ở dưới.";
    }
    if (!window.isSecureContext) {
      return "Trình duyệt chỉ cho dùng micrô khi trang được mở bằng HTTPS. Hãy nhờ người quản " +
        "trị bật HTTPS cho Loa Làng, hoặc ghi bằng ứng dụng ghi âm của điện thoại rồi tải tệp " +
        "lên ở dưới.";
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      return "Trình duyệt này không ghi âm được. Hãy dùng Chrome, Firefox hoặc Safari bản mới, " +
        "hoặc tải tệp ghi âm lên ở dưới.";
    }
    return "";
  }

  function explainError(error) {
    var name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError") {
      return "Micrô đang bị chặn. Hãy bấm biểu tượng ổ khóa cạnh địa chỉ trang, chọn cho phép " +
        "Micrô, rồi bấm “Bắt đầu ghi” lại. Hoặc tải tệp ghi âm lên ở dưới.";
    }
    if (name === "NotFoundError" || name === "OverconstrainedError") {
      return "Không tìm thấy micrô trên thiết bị này. Hãy cắm micrô hoặc tải tệp ghi âm lên ở dưới.";
    }
    if (name === "NotReadableError") {
      return "Micrô đang được ứng dụng khác dùng (cuộc gọi, Zalo…). Hãy tắt ứng dụng đó rồi thử lại.";
    }
    return "Không ghi âm được (" + (name || "lỗi") + "). Hãy tải tệp ghi âm lên ở dưới.";
  }

  function recorder() {
    var box = document.querySelector("[data-recorder]");
    var form = document.querySelector("[data-recorder-form]");
    if (!box || !form) return;
    var why = box.querySelector("[data-recorder-why]");
    var controls = box.querySelector("[data-recorder-controls]");
    var start = box.querySelector("[data-recorder-start]");
    var stop = box.querySelector("[data-recorder-stop]");
    var timer = box.querySelector("[data-recorder-timer]");
    var review = box.querySelector("[data-recorder-review]");
    var player = box.querySelector("[data-recorder-audio]");
    var use = box.querySelector("[data-recorder-use]");
    var again = box.querySelector("[data-recorder-again]");
    var input = form.querySelector("input[type=file]");
    var reason = whyNoMicrophone();
    function say(text) { why.textContent = text; why.hidden = !text; }
    if (reason) { say(reason); return; }
    controls.hidden = false;
    var media = null, chunks = [], blob = null, ticking = null, began = 0, stream = null;

    function clock(seconds) {
      var s = Math.floor(seconds);
      return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
    }
    function stopStream() {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
    }
    start.addEventListener("click", function () {
      say("");
      navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } })
        .then(function (s) {
          stream = s;
          var type = RECORD_TYPES.filter(function (t) { return MediaRecorder.isTypeSupported(t); })[0];
          media = type ? new MediaRecorder(s, { mimeType: type }) : new MediaRecorder(s);
          chunks = [];
          media.addEventListener("dataavailable", function (e) { if (e.data.size) chunks.push(e.data); });
          media.addEventListener("stop", function () {
            stopStream();
            window.clearInterval(ticking);
            blob = new Blob(chunks, { type: media.mimeType || type || "audio/webm" });
            player.src = URL.createObjectURL(blob);
            review.hidden = false;
            timer.textContent = clock((Date.now() - began) / 1000) + " · đã ghi xong";
          });
          media.start(1000);
          began = Date.now();
          ticking = window.setInterval(function () {
            timer.textContent = "Đang ghi " + clock((Date.now() - began) / 1000);
          }, 500);
          start.hidden = true;
          stop.hidden = false;
          review.hidden = true;
        })
        .catch(function (error) { say(explainError(error)); });
    });
    stop.addEventListener("click", function () {
      if (media && media.state !== "inactive") media.stop();
      stop.hidden = true;
      start.hidden = false;
      start.textContent = "● Ghi lại từ đầu";
    });
    again.addEventListener("click", function () {
      blob = null;
      review.hidden = true;
      start.click();
    });
    use.addEventListener("click", function () {
      if (!blob || !input) return;
      var name = "ghi-am-" + new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-") +
        "." + extensionFor(blob.type);
      try {
        var transfer = new DataTransfer();
        transfer.items.add(new File([blob], name, { type: blob.type }));
        input.files = transfer.files;
      } catch (e) {
        say("Trình duyệt này không gửi được bản ghi trực tiếp. Hãy tải tệp ghi âm lên ở dưới.");
        return;
      }
      use.disabled = true;
      use.textContent = "Đang gửi…";
      form.submit();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    counter();
    refresh();
    recorder();
  });
})();
