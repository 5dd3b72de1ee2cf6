// Browser test of the Varotra admin against a running server; starts nothing itself.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_EMAIL=... E2E_PASSWORD=... node e2e/run.mjs
//   (or e2e/run.sh, which builds, seeds and serves a demo shop first)
//
// The owner's day, at 1280 px and again at 390 px (a phone): a customer writes
// through a signed Meta webhook and asks for a person → the unread badge, the tab
// title and the "À traiter" count move, a browser notification is shown → the owner
// opens the conversation, answers with a quick reply ("/liv…") and a product card
// (both reach the fake Graph API), assigns it to the agent, adds a note, resolves it →
// the "Résolution moyenne" KPI shows a time. Then, on the phone, a devis built with the
// search editor on the 20 000-product catalogue, with a delivery line, is sent on
// WhatsApp (the fake Graph API receives the PDF document). Every admin page is checked
// for sideways scrolling at 390 and 360 px. Also: the CSV import form, a form without
// CSRF token refused, the agent's 403 on the settings, the second shop's isolation.
// Screenshots at both widths go to docs/screenshots/. Any failed check throws.
import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const EMAIL = process.env.E2E_EMAIL || 'rivo@example.mg';
const PASSWORD = process.env.E2E_PASSWORD || 'mot-de-passe-demo';
const APP_SECRET = process.env.WEBHOOK_APP_SECRET || '';
const FAKE_GRAPH = process.env.FAKE_GRAPH_URL || '';
const AGENT_EMAIL = process.env.E2E_AGENT_EMAIL || 'vola@example.mg';
const OTHER_EMAIL = process.env.E2E_OTHER_EMAIL || 'fara@example.mg';
const PHONE_NUMBER_ID = process.env.E2E_PHONE_NUMBER_ID || '106540352242922';
const OTHER_PHONE_NUMBER_ID = process.env.E2E_OTHER_PHONE_NUMBER_ID || '106540352242923';
const HERE = dirname(fileURLToPath(import.meta.url));
const SHOTS = join(HERE, '..', 'docs', 'screenshots');
const NEW_PRODUCTS_CSV = join(HERE, 'catalogue-nouveautes.csv');
mkdirSync(SHOTS, { recursive: true });

let sent = 0;
async function deliverWebhook({ waId, name, text, phoneNumberId = PHONE_NUMBER_ID }) {
  sent += 1;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'e2e', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '261320000001', phone_number_id: phoneNumberId },
      contacts: [{ profile: { name }, wa_id: waId }],
      messages: [{ from: waId, id: `wamid.e2e${Date.now()}x${sent}`, timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'text', text: { body: text } }],
    } }] }],
  });
  const sig = 'sha256=' + createHmac('sha256', APP_SECRET).update(body).digest('hex');
  const res = await fetch(`${BASE}/webhooks/whatsapp`, {
    method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': sig },
  });
  if (res.status !== 200) throw new Error(`FAILED: the webhook for ${name} answered ${res.status}`);
}

function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}

async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`FAILED: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function received() {
  return FAKE_GRAPH ? (await fetch(`${FAKE_GRAPH}/__received`)).json() : [];
}

async function login(context, email) {
  const page = await context.newPage();
  await page.goto(`${BASE}/admin/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/admin`), page.click('button[type=submit]')]);
  return page;
}

const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// Records the notifications admin.js shows (the browser's own would need a person to allow them).
// Kept in sessionStorage: the notification may be shown by a page the walk reloads a
// moment later (the poll that sees the new message can run on any reload).
function recordNotifications() {
  window.__notes = JSON.parse(window.sessionStorage.getItem('__notes') || '[]');
  function Fake(title, options) {
    window.__notes.push({ title, body: options && options.body });
    window.sessionStorage.setItem('__notes', JSON.stringify(window.__notes));
  }
  Fake.permission = 'granted';
  Fake.requestPermission = () => Promise.resolve('granted');
  window.Notification = Fake;
}

const QUICK_FR = 'Nous livrons à Antananarivo du lundi au samedi, 5 000 Ar.';
const QUICK_MG = 'Manatitra eto Antananarivo izahay, alatsinainy ka hatramin\'ny asabotsy, 5 000 Ar.';

/// One walk through the owner's day at the page's width.
async function walk(page, label, customer, { notifications }) {
  await page.goto(`${BASE}/admin`);
  const waitingBefore = Number(await page.locator('#kpi-waiting b').innerText());
  // The first poll of this browser only records where things stand: wait for its mark.
  if (notifications) await until('the first poll', () => page.evaluate(() => window.localStorage.getItem('varotra.latestWaiting') !== null));
  await deliverWebhook({ ...customer, text: 'Mila olona aho azafady, te hiresaka amin\'ny tompony aho.' });
  const waitingAfter = await until(`${label}: the "À traiter" count to move`, async () => {
    await page.reload();
    const n = Number(await page.locator('#kpi-waiting b').innerText());
    return n > waitingBefore ? n : 0;
  });
  check(waitingAfter === waitingBefore + 1, `${label}: "À traiter" goes from ${waitingBefore} to ${waitingAfter}`);
  const badge = await page.locator('.menu a[href="/admin/conversations"] [data-count=unread]').innerText();
  check(Number(badge) >= 1, `${label}: the menu shows unread conversations (${badge})`);
  check(/^\(\d+\) /.test(await page.title()), `${label}: the tab title counts them ("${await page.title()}")`);
  if (notifications) {
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const notes = await until('the browser notification', () => page.evaluate(() => window.__notes.length && window.__notes));
    check(notes[0].title.includes('un client attend'), `${label}: a browser notification says a customer waits ("${notes[0].body}")`);
  }

  await page.goto(`${BASE}/admin/conversations?status=needs_human`);
  const row = page.locator('ul.convs li', { hasText: customer.name });
  check((await row.innerText()).includes('attend depuis'), `${label}: the waiting conversation shows how long it waits`);
  await Promise.all([page.waitForURL(/\/admin\/conversations\/\d+$/), row.locator('a').click()]);
  const convUrl = page.url();

  // A quick reply: "/liv" offers it, choosing it fills the box, sending queues it.
  await page.fill('#text', '');
  await page.type('#text', '/liv');
  await page.locator('.suggest button').first().click();
  const filled = await page.inputValue('#text');
  check(filled === QUICK_FR || filled === QUICK_MG, `${label}: "/liv" puts the quick reply in the box`);
  await Promise.all([page.waitForURL(/done=sent/), page.click('form.reply > button[type=submit]')]);
  await until(`${label}: the quick reply at the fake Graph API`, async () =>
    (await received()).some((r) => r.body && r.body.to === customer.waId && JSON.stringify(r.body).includes('Antananarivo')));
  check(true, `${label}: the fake Graph API received the quick reply`);

  // A product card, searched as you type.
  await page.click('summary:text("Envoyer une fiche produit")');
  await page.fill('#produit', 'makalioka');
  await page.locator('#picks button:text("Envoyer la fiche")').first().waitFor();
  await Promise.all([page.waitForURL(/done=card/), page.locator('#picks button:text("Envoyer la fiche")').first().click()]);
  await until(`${label}: the product card at the fake Graph API`, async () =>
    (await received()).some((r) => r.body && r.body.to === customer.waId && /makalioka.*Ar/i.test(JSON.stringify(r.body))));
  check(true, `${label}: the fake Graph API received the product card (name and price)`);

  await page.selectOption('form.assign select', { label: AGENT_EMAIL });
  await Promise.all([page.waitForURL(/done=assigned/), page.click('form.assign button')]);
  check((await page.locator('form.assign select option[selected]').innerText()) === AGENT_EMAIL, `${label}: assigned to the agent`);

  await page.click('summary:text("Ajouter une note interne")');
  await page.fill('textarea[name=body]', `Note ${label} : rappeler après la livraison`);
  await Promise.all([page.waitForURL(/done=noted/), page.click('button:text("Ajouter la note")')]);
  check((await page.locator('.note').last().innerText()).includes(`Note ${label}`), `${label}: the internal note shows in the thread`);
  await page.screenshot({ path: join(SHOTS, `conversation-${label}.png`), fullPage: true });
  check(await sideways(page) <= 1, `${label}: the conversation fits the screen without sideways scrolling`);

  await Promise.all([page.waitForURL(/done=resolved/), page.click('button:text("Résoudre")')]);
  check(await page.locator('button:text("Rouvrir")').isVisible(), `${label}: resolved (it can be reopened)`);
  await page.goto(`${BASE}/admin`);
  const resolution = await page.locator('#kpi-resolution b').innerText();
  check(resolution !== '—' && /(\d|minute)/.test(resolution), `${label}: the resolution KPI shows a time (${resolution})`);
  await page.screenshot({ path: join(SHOTS, `dashboard-${label}.png`), fullPage: true });
  return convUrl;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  if (!APP_SECRET) throw new Error('WEBHOOK_APP_SECRET is needed: conversations arrive through webhooks');
  const suffix = String(Date.now()).slice(-5);
  const desktopCustomer = { waId: '2613499' + suffix, name: 'Client Bureau' };
  const phoneCustomer = { waId: '2613488' + suffix, name: 'Client Téléphone' };
  const otherShopCustomer = '2613388' + suffix;
  for (const c of [
    { waId: '2613412' + suffix, name: 'Rasoa', text: 'Bonjour, ohatrinona ny vary 5 kg ?' },
    { waId: '2613200' + suffix, name: 'Tiana', text: 'Avez-vous du savon de Marseille ?' },
  ]) await deliverWebhook(c);
  await deliverWebhook({ waId: otherShopCustomer, name: 'Client Quincaillerie', text: 'Misy fantsika 5 cm ve ?',
    phoneNumberId: OTHER_PHONE_NUMBER_ID });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  await context.addInitScript(recordNotifications);
  const page = await context.newPage();
  await page.goto(`${BASE}/`);
  check(page.url().endsWith('/admin/login'), '/ leads to the admin, which asks an anonymous visitor to log in');
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/admin`), page.click('button[type=submit]')]);
  const kpis = await page.locator('#kpis').innerText();
  for (const l of ['Aujourd\'hui', 'Réponses automatiques', 'Prospect → devis', 'Résolution moyenne', 'Escalade', 'À traiter']) {
    check(kpis.includes(l), `the dashboard shows the KPI "${l}"`);
  }
  check(await page.locator('svg.chart rect').count() === 60, 'the chart has 30 days of bars');

  // The shop's quick reply, in French and Malagasy.
  await page.goto(`${BASE}/admin/reponses-rapides`);
  const form = page.locator('form.qr', { hasText: 'Nouvelle réponse rapide' });
  await form.locator('input[name=shortcut]').fill('livraison');
  await form.locator('textarea[name=body_fr]').fill(QUICK_FR);
  await form.locator('textarea[name=body_mg]').fill(QUICK_MG);
  await Promise.all([page.waitForURL(/saved=1/), form.locator('button:text("Ajouter")').click()]);
  check((await page.locator('main').innerText()).includes('/livraison'), 'a quick reply /livraison is saved');

  await walk(page, 'desktop', desktopCustomer, { notifications: true });

  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    storageState: await context.storageState(), locale: 'fr-FR',
  });
  const mobile = await phone.newPage();
  const phoneConv = await walk(mobile, 'phone', phoneCustomer, { notifications: false });

  // The devis editor on the phone, searching the 20 000-product catalogue.
  await mobile.goto(phoneConv);
  await Promise.all([mobile.waitForURL(/\/admin\/devis\/nouveau\?conversation=\d+/), mobile.click('a:text("Faire un devis")')]);
  check(await mobile.inputValue('input[name=customer_name]') === phoneCustomer.name, 'the editor takes the customer from the conversation');
  const t0 = Date.now();
  await mobile.fill('#q', 'Sardines modèle 77');
  await mobile.locator('#results li', { hasText: 'Sardines modèle 77' }).first().waitFor();
  check(true, `the search finds a product among 20 000 as you type (${Date.now() - t0} ms)`);
  await mobile.fill('#q', 'makalioka 25');
  const add = mobile.locator('#results li', { hasText: 'makalioka' }).locator('button:text("Ajouter")').first();
  await add.waitFor();
  await Promise.all([mobile.waitForLoadState('load'), add.click()]);
  await mobile.locator('input[name^="qty:"]').first().waitFor();
  await mobile.fill('input[name=delivery_label]', 'Livraison Analakely');
  await mobile.fill('input[name=delivery_fee]', '5 000');
  await mobile.screenshot({ path: join(SHOTS, 'devis-editor-phone.png'), fullPage: true });
  check(await sideways(mobile) <= 1, 'the devis editor fits a 390 px screen');
  // (The browser keeps the editor's #lignes across the redirect.)
  await Promise.all([mobile.waitForURL(/\/admin\/devis\/\d+(#.*)?$/), mobile.click('button:text("Créer le devis")')]);
  const devis = await mobile.locator('main').innerText();
  check(devis.includes('Livraison Analakely') && /5[\s\u202f\u00a0]000 Ar/.test(devis), 'the devis has its delivery line');
  const devisUrl = mobile.url().replace(/#.*$/, '');
  const number = (await mobile.locator('h1').innerText()).replace('Devis ', '');
  await Promise.all([mobile.waitForURL(/done=envoye/), mobile.click('button:text("Envoyer sur WhatsApp")')]);
  await until('the devis document at the fake Graph API', async () =>
    (await received()).some((r) => r.body && r.body.type === 'document' && r.body.to === phoneCustomer.waId
      && r.body.document && r.body.document.filename === `${number}.pdf`));
  check(true, `the fake Graph API received ${number}.pdf as a WhatsApp document`);
  await mobile.screenshot({ path: join(SHOTS, 'devis-phone.png'), fullPage: true });
  const pdf = await (await phone.request.get(`${devisUrl}/pdf`)).body();
  check(pdf.subarray(0, 4).toString() === '%PDF' && pdf.length > 1000, `the devis PDF downloads (${pdf.length} bytes)`);

  // A form posted without its CSRF token is refused.
  const forged = await page.evaluate(async (url) => {
    const r = await fetch(url + '/hand-back', { method: 'POST', body: new URLSearchParams({ csrf: 'forged' }) });
    return r.status;
  }, phoneConv);
  check(forged === 403, 'a form without a valid CSRF token is refused (403)');

  // The catalogue import form.
  await page.goto(`${BASE}/admin/catalogue`);
  await page.setInputFiles('input[name=file]', NEW_PRODUCTS_CSV);
  await Promise.all([page.waitForURL(`${BASE}/admin/catalogue/import`), page.click('form[action="/admin/catalogue/import"] button')]);
  check(/Import terminé\s*:\s*3 produit\(s\) — 3 ajouté\(s\)/.test(await page.locator('main').innerText()), 'the uploaded CSV adds its 3 products');
  await page.goto(`${BASE}/admin/catalogue?q=vanille`);
  check((await page.locator('table').innerText()).includes('THE-VANILLE-100'), 'an uploaded product is found by the catalogue search');

  // No admin page scrolls sideways on a phone.
  const paths = ['/admin', '/admin/conversations', '/admin/conversations?status=needs_human', phoneConv.replace(BASE, ''),
    '/admin/contacts', '/admin/catalogue', '/admin/catalogue/nouveau', '/admin/faq', '/admin/devis', '/admin/devis/nouveau',
    devisUrl.replace(BASE, ''), '/admin/prospects', '/admin/reponses-rapides', '/admin/simulateur', '/admin/parametres',
    '/admin/nulle-part'];
  for (const width of [390, 360]) {
    await mobile.setViewportSize({ width, height: 800 });
    const wide = [];
    for (const p of paths) {
      await mobile.goto(`${BASE}${p}`);
      const over = await sideways(mobile);
      if (over > 1) wide.push(`${p} (+${over} px)`);
    }
    check(wide.length === 0, `no admin page scrolls sideways at ${width} px${wide.length ? ': ' + wide.join(', ') : ''}`);
  }
  await mobile.setViewportSize({ width: 390, height: 844 });
  await mobile.goto(`${BASE}/admin/conversations`);
  await mobile.screenshot({ path: join(SHOTS, 'conversations-phone.png'), fullPage: true });
  await mobile.click('label.menu-button');
  await mobile.screenshot({ path: join(SHOTS, 'menu-phone.png') });
  await page.goto(`${BASE}/admin/conversations`);
  await page.screenshot({ path: join(SHOTS, 'conversations-desktop.png'), fullPage: true });
  console.log(`screenshots in ${SHOTS}`);

  // The agent works the conversations but cannot open the shop settings.
  const agentContext = await browser.newContext({ locale: 'fr-FR' });
  const agent = await login(agentContext, AGENT_EMAIL);
  check((await agent.goto(`${BASE}/admin/parametres`)).status() === 403, 'an agent gets 403 on /admin/parametres');
  await agent.goto(`${BASE}/admin/conversations?status=mine`);
  check((await agent.locator('main').innerText()).includes(phoneCustomer.name), 'the agent finds the conversations assigned to them under "Mes conversations"');
  await agentContext.close();

  // The second shop's owner sees only the second shop.
  const otherContext = await browser.newContext({ locale: 'fr-FR' });
  const other = await login(otherContext, OTHER_EMAIL);
  await other.goto(`${BASE}/admin/conversations`);
  const otherList = await other.locator('main').innerText();
  check(otherList.includes('Client Quincaillerie'), "the second shop's owner sees the second shop's conversation");
  check(![desktopCustomer, phoneCustomer].some((c) => otherList.includes(c.name)), "the second shop's owner sees none of the first shop's conversations");
  const foreign = await other.goto(phoneConv);
  check([403, 404].includes(foreign.status()), `the first shop's conversation URL is refused to the second shop (${foreign.status()})`);
  const foreignPdf = await otherContext.request.get(`${devisUrl}/pdf`);
  check([403, 404].includes(foreignPdf.status()), `the first shop's devis PDF is refused to the second shop (${foreignPdf.status()})`);
  await otherContext.close();
} finally {
  await browser.close();
}
