// Browser walk of the first-run wizard, on a phone (390 px), against a fresh server
// with no shop and no account (e2e/wizard.sh starts one):
//
//   BASE_URL=... SETUP_URL=<the link `serve` printed> FAKE_GRAPH_URL=... node e2e/wizard.mjs
//
// Owner account from the one-time link → the shop (address, MVola number) → the
// WhatsApp number: a refused token is named in French and nothing is stored, a good
// one (checked against the fake Graph API) connects the number and gives the verify
// token, which then answers Meta's handshake → the épicerie starter catalogue → FAQ
// and messages (French and Malagasy defaults) → the simulator: a suggested question
// built from the catalogue is answered with that product's price from the CSV. Every
// page is checked for sideways scrolling; any failed check throws.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const SETUP_URL = process.env.SETUP_URL || '';
const HERE = dirname(fileURLToPath(import.meta.url));
const SHOTS = join(HERE, '..', 'docs', 'screenshots');
const STARTER = join(HERE, '..', 'assets', 'starters', 'epicerie.csv');
mkdirSync(SHOTS, { recursive: true });

function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
async function fits(page, what) {
  check(await sideways(page) <= 1, `${what} fits a 390 px screen`);
}
const main = (page) => page.locator('main').innerText();

// title → price of the starter catalogue, read from the CSV the shop loads.
const prices = new Map(readFileSync(STARTER, 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split(';')).map(([, title, price]) => [title.toLowerCase(), Number(price)]));

check(SETUP_URL.includes('/setup?code='), 'serve printed a one-time setup link');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'fr-FR',
  });
  const page = await context.newPage();
  const next = async (href) => {
    await page.goto(`${BASE}/admin/demarrage`);
    await Promise.all([page.waitForURL(`${BASE}${href}`), page.click('a.button:text("Continuer")')]);
  };

  // A fresh install sends /admin to /setup, which is closed without the code.
  const closed = await page.goto(`${BASE}/admin`);
  check(page.url().endsWith('/setup') && closed.status() === 403, 'without the code, /admin leads to a closed /setup (403)');

  // 1. The owner's account.
  await page.goto(SETUP_URL);
  check((await main(page)).includes('Étape 1 sur 6'), 'the setup link opens step 1 of 6');
  await fits(page, 'the account step');
  await page.fill('input[name=shop_name]', 'Épicerie Soa');
  await page.fill('input[name=email]', 'soa@example.mg');
  await page.fill('input[name=password]', 'un mot de passe solide');
  await page.fill('input[name=confirmation]', 'un mot de passe solide');
  await Promise.all([page.waitForURL(`${BASE}/admin/demarrage`), page.click('button[type=submit]')]);
  check((await main(page)).includes('Étape 2 sur 6'), 'the owner is logged in at step 2 of 6');
  await fits(page, 'the progress page');

  // 2. The shop.
  await next('/admin/parametres');
  await page.fill('input[name=address]', 'Lot II J 45, Ambohipo, Antananarivo');
  await page.fill('input[name=phone]', '+261 34 00 000 09');
  await page.fill('input[name="payment.mvola"]', '034 00 000 09');
  await Promise.all([page.waitForURL(/saved=1/), page.click('form[action="/admin/parametres"] button[type=submit]')]);
  await fits(page, 'the shop settings');

  // 3. The WhatsApp number: a refused token first, then a good one.
  await next('/admin/numeros');
  await fits(page, 'the number step');
  await page.fill('input[name=phone_number_id]', '106540352242999');
  await page.fill('input[name=token]', 'jeton-faux');
  await Promise.all([page.waitForLoadState(), page.click('button:text("Vérifier et connecter")')]);
  const refused = await main(page);
  check(refused.includes('jeton refusé ou expiré'), 'a refused token is named in French');
  check(refused.includes('Aucun numéro'), 'nothing is stored when the provider refuses the token');
  check(!(await page.content()).includes('jeton-faux'), 'the refused token is not shown back');
  await page.fill('input[name=token]', 'jeton-valide');
  await Promise.all([page.waitForURL(/added=/), page.click('button:text("Vérifier et connecter")')]);
  const added = await main(page);
  check(added.includes('+261 32 00 000 09') && added.includes('Epicerie Soa'), 'the number is connected with what Meta says of it');
  check(added.includes(`${BASE}/webhooks/whatsapp`), 'the webhook URL to paste is shown');
  const verify = (await page.locator('code.verify-token').first().innerText()).trim();
  const hs = await fetch(`${BASE}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(verify)}&hub.challenge=4242`);
  check(hs.status === 200 && (await hs.text()) === '4242', "the shown verify token answers Meta's handshake");
  await page.screenshot({ path: join(SHOTS, 'wizard-number-phone.png'), fullPage: true });
  await fits(page, 'the connected number');

  // 4. The catalogue: the épicerie starter, in one click.
  await next('/admin/catalogue');
  await page.selectOption('select[name=trade]', 'epicerie');
  await Promise.all([page.waitForLoadState(), page.click('button:text("Charger ce catalogue")')]);
  check((await main(page)).includes(`${prices.size} produit(s)`), `the starter loads its ${prices.size} products`);
  await fits(page, 'the import report');

  // 5. FAQ and messages, pre-filled in French and Malagasy.
  await next('/admin/demarrage/messages');
  check((await page.inputValue('textarea[name=greeting_fr]')).includes('Épicerie Soa'), 'the French greeting is pre-filled with the shop name');
  check((await page.inputValue('textarea[name=greeting_mg]')).includes('Salama'), 'the Malagasy greeting is pre-filled');
  check(await page.locator('.faq-suggestion').count() >= 5, 'FAQ entries are suggested');
  await fits(page, 'the messages step');
  await Promise.all([page.waitForURL(/enregistre=1/), page.click('form[action="/admin/demarrage/messages"] button[type=submit]')]);

  // 6. The simulator: a suggested question from the catalogue, answered with its price.
  await next('/admin/simulateur');
  const suggestion = page.locator('button.suggestion', { hasText: 'Combien coûte' }).first();
  const question = (await suggestion.innerText()).trim();
  const title = question.replace(/^Combien coûte /, '').replace(/ \?$/, '').toLowerCase();
  check(prices.has(title), `the suggested question names a product of the catalogue (${title})`);
  await Promise.all([page.waitForLoadState(), suggestion.click()]);
  const bot = await page.locator('.msg.out').last().innerText();
  const price = prices.get(title);
  const grouped = String(price).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  check(bot.replace(/\s/g, ' ').includes(`${grouped} Ar`), `the simulator answers "${question}" with ${grouped} Ar: ${bot}`);
  await page.screenshot({ path: join(SHOTS, 'wizard-simulator-phone.png'), fullPage: true });
  await fits(page, 'the simulator');

  await page.goto(`${BASE}/admin/demarrage`);
  check((await main(page)).includes('La boutique est prête'), 'every step is done: the shop is ready');
  console.log('wizard: PASS');
} finally {
  await browser.close();
}
