// Browser test of the Varotra admin against a running server; starts nothing itself.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_EMAIL=... E2E_PASSWORD=... node e2e/run.mjs
//   (or e2e/run.sh, which builds, seeds and serves a demo shop first)
//
// Customers write through signed Meta webhooks; then the owner logs in, checks the
// dashboard KPIs, opens a webhook's conversation, takes it over and replies (the fake
// Graph API must receive it), uploads e2e/catalogue-nouveautes.csv through the
// catalogue import form, creates a devis and downloads its PDF; a form posted without
// its CSRF token is refused; the agent gets 403 on the settings; the second shop's
// owner sees none of the first shop's conversations. Screenshots of the dashboard and
// the conversation at desktop (1280) and phone (390) widths go to docs/screenshots/.
// Any failed check throws: the process exits non-zero.
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

// A customer message through the signed Meta webhook, as WhatsApp would deliver it.
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

async function login(context, email) {
  const page = await context.newPage();
  await page.goto(`${BASE}/admin/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/admin`), page.click('button[type=submit]')]);
  return page;
}

function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();

  if (!APP_SECRET) throw new Error('WEBHOOK_APP_SECRET is needed: conversations arrive through webhooks');
  const suffix = String(Date.now()).slice(-5);
  const webhookCustomer = '2613499' + suffix;
  const otherShopCustomer = '2613388' + suffix;
  const firstShop = [
    { waId: '2613412' + suffix, name: 'Rasoa', text: 'Bonjour, ohatrinona ny vary 5 kg ?' },
    { waId: '2613200' + suffix, name: 'Tiana', text: 'Avez-vous du savon de Marseille ?' },
    { waId: '2613400' + suffix, name: 'Haingo', text: 'Misy huile 1 L ve ?' },
    { waId: webhookCustomer, name: 'Client Webhook', text: 'Mila olona aho azafady : tiako ny hiresaka amin\'ny tompony.' },
  ];
  for (const c of firstShop) await deliverWebhook(c);
  // A first contact gets the shop's greeting; the follow-ups get answers.
  await new Promise((r) => setTimeout(r, 1500));
  const followUps = [
    { ...firstShop[0], text: 'Mila olona aho azafady, te hiresaka amin\'ny tompony' },
    { ...firstShop[1], text: 'Combien coûte le savon 400 g ?' },
    { ...firstShop[2], text: 'Ohatrinona ny huile 1 L ?' },
  ];
  for (const c of followUps) await deliverWebhook(c);
  await deliverWebhook({ waId: otherShopCustomer, name: 'Client Quincaillerie', text: 'Misy fantsika 5 cm ve ?',
    phoneNumberId: OTHER_PHONE_NUMBER_ID });
  check(true, `${firstShop.length + followUps.length + 1} signed webhooks are acknowledged (two shops)`);
  await page.goto(`${BASE}/admin`);
  check(page.url().endsWith('/admin/login'), 'an anonymous visit lands on the login page');
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/admin`), page.click('button[type=submit]')]);
  check(await page.locator('h1', { hasText: 'Tableau de bord' }).isVisible(), 'the dashboard opens after login');

  const kpis = await page.locator('#kpis').innerText();
  for (const label of ['Aujourd\'hui', 'Réponses automatiques', 'Prospect → devis', 'Résolution moyenne', 'Escalade', 'À traiter']) {
    check(kpis.includes(label), `the dashboard shows the KPI "${label}"`);
  }
  check(await page.locator('svg.chart rect').count() === 60, 'the chart has 30 days of bars');
  // Only the assistant escalates ("Mila olona aho"); the greeting-only responder never does.
  check(!/À traiter\s*\n?\s*0\b/.test(kpis), 'a conversation waits for a human (the assistant escalated it)');
  await page.screenshot({ path: join(SHOTS, 'dashboard-desktop.png'), fullPage: true });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    storageState: await context.storageState(), locale: 'fr-FR',
  });
  const mobile = await phone.newPage();
  await mobile.goto(`${BASE}/admin`);
  await mobile.screenshot({ path: join(SHOTS, 'dashboard-phone.png'), fullPage: true });

  // The conversation the webhook created (the bot may take a moment to file it).
  for (let i = 0; i < 20; i++) {
    await page.goto(`${BASE}/admin/conversations?q=${webhookCustomer}`);
    if (await page.locator('ul.convs a').count() > 0) break;
    await page.waitForTimeout(500);
  }
  await page.click('ul.convs a >> nth=0');
  await page.waitForURL(/\/admin\/conversations\/\d+$/);
  const convUrl = page.url();
  check(await page.locator('.msg').count() > 0, 'the thread shows the messages');
  // The customer asked for a person: the assistant has already handed over (bot paused).
  check(await page.locator('button:text("Rendre au bot")').isVisible(),
    'the assistant handed the conversation to a human when asked');
  await Promise.all([page.waitForURL(/done=/), page.click('button:text("Rendre au bot")')]);
  check(await page.locator('button:text("Prendre la main")').isVisible(), 'handing back resumes the bot');
  await Promise.all([page.waitForURL(/done=taken/), page.click('button:text("Prendre la main")')]);
  check(await page.locator('button:text("Rendre au bot")').isVisible(), 'taking over pauses the bot');

  const text = `Bonjour, je suis Rivo : je vous rappelle dans 5 minutes. (${Date.now() % 100000})`;
  await page.fill('textarea[name=text]', text);
  await Promise.all([page.waitForURL(/done=sent/), page.click('form.reply button')]);
  const last = page.locator('.msg.out').last();
  check((await last.innerText()).includes(text), 'the reply appears in the thread');
  check((await last.locator('.tick').innerText()).includes('⏳') || (await last.locator('.tick').innerText()).includes('✓'),
    'the reply carries its delivery tick');
  if (FAKE_GRAPH) {
    let delivered = false;
    for (let i = 0; i < 40 && !delivered; i++) {
      const got = await (await fetch(`${FAKE_GRAPH}/__received`)).json();
      delivered = got.some((r) => r.body && r.body.to === webhookCustomer && JSON.stringify(r.body).includes(text));
      if (!delivered) await page.waitForTimeout(500);
    }
    check(delivered, 'the fake Graph API received the agent reply for the webhook customer');
    await page.waitForTimeout(5500); // one poll of conversation.js; the tick follows the send
    await page.reload();
    check((await page.locator('.msg.out').last().locator('.tick').innerText()).includes('✓'), 'the sent reply shows ✓');
  }

  // A form posted without its CSRF token is refused.
  const forged = await page.evaluate(async (url) => {
    const r = await fetch(url + '/hand-back', { method: 'POST', body: new URLSearchParams({ csrf: 'forged' }) });
    return r.status;
  }, convUrl);
  check(forged === 403, 'a form without a valid CSRF token is refused (403)');


  // The catalogue import form takes a CSV file; its products then list and search.
  await page.goto(`${BASE}/admin/catalogue`);
  await page.setInputFiles('input[name=file]', NEW_PRODUCTS_CSV);
  await Promise.all([page.waitForURL(`${BASE}/admin/catalogue/import`), page.click('form[action="/admin/catalogue/import"] button')]);
  const report = await page.locator('main').innerText();
  check(/Import terminé\s*:\s*3 produit\(s\) — 3 ajouté\(s\)/.test(report), 'the uploaded CSV adds its 3 products');
  await page.goto(`${BASE}/admin/catalogue?q=vanille`);
  check((await page.locator('table').innerText()).includes('THE-VANILLE-100'), 'an uploaded product is found by the catalogue search');
  await page.goto(`${BASE}/admin/catalogue`);
  const list = await page.locator('table').innerText();
  check(['MIEL-TAPIA-500', 'SEL-IODE-1K', 'RIZ-MAK-25K'].every((sku) => list.includes(sku)),
    'the catalogue lists the uploaded products next to the CLI-imported ones');

  // A devis made in the admin from the conversation, with catalogue products, and its PDF.
  await page.goto(convUrl);
  await Promise.all([page.waitForURL(/\/admin\/devis\/nouveau\?conversation=\d+/), page.click('a:text("Faire un devis")')]);
  await page.fill('input[name=customer_name]', 'Rasoa Randria');
  await page.fill('input[name=customer_phone]', '+261 34 12 345 67');
  await page.fill('input[name="qty:RIZ-MAK-25K"]', '2');
  await page.fill('input[name="qty:THE-VANILLE-100"]', '3');
  await Promise.all([page.waitForURL(/\/admin\/devis\/\d+/), page.click('button:text("Créer le devis")')]);
  const devis = await page.locator('main').innerText();
  // 2 × 82 000 + 3 × 7 500 = 186 500 Ar HT; the shop charges 20 % TVA.
  check(/186[\s\u202f\u00a0]500 Ar/.test(devis) && /223[\s\u202f\u00a0]800 Ar/.test(devis),
    'the new devis totals its lines (186 500 Ar HT, 223 800 Ar TTC)');
  const pdfHref = await page.locator('a:text("Télécharger le PDF")').getAttribute('href');
  let pdf;
  try {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), page.click('a:text("Télécharger le PDF")')]);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    pdf = Buffer.concat(chunks);
    console.log('  (a browser download)');
  } catch {
    console.log('  (served inline: fetched with the session)');
    // Served inline: Chromium opens its viewer instead of a download; fetch it with the session.
    const res = await context.request.get(`${BASE}${pdfHref}`);
    check(res.status() === 200, 'the devis PDF answers 200');
    pdf = await res.body();
  }
  check(pdf.subarray(0, 4).toString() === '%PDF' && pdf.length > 1000, `the devis PDF downloads (${pdf.length} bytes, starts with %PDF)`);

  await page.goto(convUrl);
  check((await page.locator('aside').innerText()).includes('223'), "the conversation's card lists its devis");
  await page.screenshot({ path: join(SHOTS, 'conversation-desktop.png'), fullPage: true });
  await mobile.goto(convUrl);
  await mobile.screenshot({ path: join(SHOTS, 'conversation-phone.png'), fullPage: true });
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, 'the conversation fits a 390 px phone screen without sideways scrolling');
  console.log(`screenshots in ${SHOTS}`);

  // An agent works the conversations but cannot open the shop settings.
  const agentContext = await browser.newContext({ locale: 'fr-FR' });
  const agent = await login(agentContext, AGENT_EMAIL);
  const settings = await agent.goto(`${BASE}/admin/parametres`);
  check(settings.status() === 403, 'an agent gets 403 on /admin/parametres');
  const agentConv = await agent.goto(convUrl);
  check(agentConv.status() === 200, "the agent opens the shop's conversation");
  await agentContext.close();

  // The second shop's owner sees only the second shop.
  const otherContext = await browser.newContext({ locale: 'fr-FR' });
  const other = await login(otherContext, OTHER_EMAIL);
  await other.goto(`${BASE}/admin/conversations`);
  const otherList = await other.locator('main').innerText();
  check(otherList.includes('Client Quincaillerie'), "the second shop's owner sees the second shop's conversation");
  const leaked = firstShop.filter((c) => otherList.includes(c.name) || otherList.includes(c.waId));
  check(leaked.length === 0, `the second shop's owner sees none of the first shop's conversations${leaked.length ? ' (saw ' + leaked.map((c) => c.name).join(', ') + ')' : ''}`);
  const foreign = await other.goto(convUrl);
  check([403, 404].includes(foreign.status()), `the first shop's conversation URL is refused to the second shop (${foreign.status()})`);
  await other.goto(`${BASE}/admin/devis`);
  check(!(await other.locator('main').innerText()).includes('Rasoa Randria'), "the second shop's devis list has none of the first shop's devis");
  const foreignPdf = await otherContext.request.get(`${BASE}${pdfHref}`);
  check([403, 404].includes(foreignPdf.status()), `the first shop's devis PDF is refused to the second shop (${foreignPdf.status()})`);
  await otherContext.close();
} finally {
  await browser.close();
}
