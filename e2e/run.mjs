// Browser test of the Varotra admin against a running server; starts nothing itself.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_EMAIL=... E2E_PASSWORD=... node e2e/run.mjs
//   (or e2e/run.sh, which builds, seeds and serves a demo shop first)
//
// Logs in, checks the dashboard KPIs, opens the conversation waiting for a human,
// takes it over, replies, checks the reply is queued (⏳), checks that a form posted
// without its CSRF token is refused, and saves screenshots of the dashboard and the
// conversation at desktop (1280) and phone (390) widths under docs/screenshots/.
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
const PHONE_NUMBER_ID = process.env.E2E_PHONE_NUMBER_ID || '106540352242922';
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

// A customer message through the signed Meta webhook, as WhatsApp would deliver it.
// Returns the customer's wa_id when the server accepted it, null when it has no
// webhook route yet (the demo's seeded conversation is used instead).
async function deliverWebhook() {
  if (!APP_SECRET) return null;
  const waId = '2613499' + String(Date.now()).slice(-5);
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'e2e', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '261320000001', phone_number_id: PHONE_NUMBER_ID },
      contacts: [{ profile: { name: 'Client Webhook' }, wa_id: waId }],
      messages: [{ from: waId, id: `wamid.e2e${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'text', text: { body: 'Mila olona aho azafady : tiako ny hiresaka amin\'ny tompony.' } }],
    } }] }],
  });
  const sig = 'sha256=' + createHmac('sha256', APP_SECRET).update(body).digest('hex');
  const res = await fetch(`${BASE}/webhooks/whatsapp`, {
    method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': sig },
  });
  if (res.status === 404) {
    console.log('skip - no /webhooks/whatsapp route on this server: using the seeded conversation');
    return null;
  }
  check(res.status === 200, 'the signed webhook is acknowledged');
  return waId;
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

  const webhookCustomer = await deliverWebhook();
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
  check(/À traiter\s*\n?\s*[1-9]/.test(kpis), 'a conversation waits for a human');
  check(await page.locator('svg.chart rect').count() === 60, 'the chart has 30 days of bars');
  await page.screenshot({ path: join(SHOTS, 'dashboard-desktop.png'), fullPage: true });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    storageState: await context.storageState(), locale: 'fr-FR',
  });
  const mobile = await phone.newPage();
  await mobile.goto(`${BASE}/admin`);
  await mobile.screenshot({ path: join(SHOTS, 'dashboard-phone.png'), fullPage: true });

  if (webhookCustomer) {
    // The conversation the webhook created (the bot may take a moment to file it).
    for (let i = 0; i < 20; i++) {
      await page.goto(`${BASE}/admin/conversations?q=${webhookCustomer}`);
      if (await page.locator('ul.convs a').count() > 0) break;
      await page.waitForTimeout(500);
    }
    await page.click('ul.convs a >> nth=0');
  } else {
    // The conversation waiting for a human.
    await page.click('section:has(h2:text("Attendent un humain")) ul.convs a >> nth=0');
  }
  await page.waitForURL(/\/admin\/conversations\/\d+$/);
  const convUrl = page.url();
  check(await page.locator('.msg').count() > 0, 'the thread shows the messages');
  await Promise.all([page.waitForURL(/done=taken/), page.click('button:text("Prendre la main")')]);
  check(await page.locator('button:text("Rendre au bot")').isVisible(), 'taking over pauses the bot');

  const text = `Bonjour, je suis Rivo : je vous rappelle dans 5 minutes. (${Date.now() % 100000})`;
  await page.fill('textarea[name=text]', text);
  await Promise.all([page.waitForURL(/done=sent/), page.click('form.reply button')]);
  const last = page.locator('.msg.out').last();
  check((await last.innerText()).includes(text), 'the reply appears in the thread');
  check((await last.locator('.tick').innerText()).includes('⏳') || (await last.locator('.tick').innerText()).includes('✓'),
    'the reply carries its delivery tick');
  if (FAKE_GRAPH && webhookCustomer) {
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

  await page.goto(convUrl);
  await page.screenshot({ path: join(SHOTS, 'conversation-desktop.png'), fullPage: true });

  await mobile.goto(convUrl);
  await mobile.screenshot({ path: join(SHOTS, 'conversation-phone.png'), fullPage: true });
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, 'the conversation fits a 390 px phone screen without sideways scrolling');
  console.log(`screenshots in ${SHOTS}`);
} finally {
  await browser.close();
}
