/* On the signed-out page: forget every article draft the autosave script kept in this
   browser (keys "chanye:autosave:…"), so the next person to sign in here finds none. */
(() => {
  "use strict";
  const PREFIX = "chanye:autosave:";
  try {
    const keys = [];
    for (let i = 0; i < window.localStorage.length; i += 1) {
      const key = window.localStorage.key(i);
      if (key && key.startsWith(PREFIX)) keys.push(key);
    }
    keys.forEach((key) => window.localStorage.removeItem(key));
  } catch (error) {
    // Storage disabled: then nothing was kept either.
  }
})();
