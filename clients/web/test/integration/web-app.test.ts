import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { eventually, localStack, TEST_PASSWORD, uniqueUsername } from '@chat/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * The web app in a real headless Chromium against the integration tests' stack: two people register, meet in a
 * room, chat in real time, see each other type and come online, share an image, and find it all again after a
 * reload. Every check is on what the page shows. Screenshots and timings go to clients/web/test-output/.
 */

const OUTPUT = path.join(__dirname, '..', '..', 'test-output');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const UI_TIMEOUT_MS = 45_000;

// about 40 s on an idle 2-core machine; a loaded one (cold functions) needs more
jest.setTimeout(300_000);

let browser: Browser;
const contexts: BrowserContext[] = [];
const timings: Record<string, unknown> = {};
const pageErrors: string[] = [];

async function newPage(viewport = { width: 1280, height: 800 }, storageState?: string): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    ...(storageState ? { storageState: JSON.parse(storageState) } : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

/** First paint and first contentful paint of the page's load, from the Performance API (ms since navigation). */
async function paintTimings(page: Page): Promise<Record<string, number>> {
  // (a string: the test's TypeScript has no DOM types)
  return page.evaluate(
    "Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)]))",
  );
}

async function register(page: Page, username: string): Promise<void> {
  await page.goto(localStack().web);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('E-mail').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Hello, ${username}` }).waitFor();
  await page.getByTestId('connection').getByText('Online').waitFor();
}

/**
 * Every image with this alt text on the page has loaded at its natural width (a broken one has none). Polled
 * with CDP evaluations: the page's CSP (rightly) refuses Playwright's eval-based waitForFunction.
 */
const imagesLoaded = (page: Page, alt: string, width: number) =>
  eventually(
    () =>
      page.evaluate(
        `(() => { const all = [...document.querySelectorAll('img[alt="${alt}"]')];` +
          ` return all.length > 0 && all.every((img) => img.complete && img.naturalWidth === ${width}); })()`,
      ),
    { what: `${alt} to load`, timeoutMs: UI_TIMEOUT_MS },
  );

/** The open room's title (its h1). */
const roomTitle = (page: Page) => page.locator('#room-title');
const composer = (page: Page) => page.locator('#composer');
const messages = (page: Page) => page.getByRole('log', { name: /^Messages in/ });

/** A 240×140 PNG to share: a picture drawn in a blank page of its own. */
async function pictureOf(caption: string): Promise<Buffer> {
  const page = await newPage({ width: 240, height: 140 });
  await page.setContent(
    '<body style="margin:0"><div style="width:240px;height:140px;display:grid;place-items:center;' +
      'background:linear-gradient(135deg,#6366f1,#ec4899);color:#fff;font:600 18px system-ui">' +
      `${caption}</div></body>`,
  );
  const png = await page.screenshot();
  await page.close();
  return png;
}

beforeAll(async () => {
  await rm(OUTPUT, { recursive: true, force: true });
  await mkdir(OUTPUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await writeFile(path.join(OUTPUT, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  process.stdout.write(`web app timings: ${JSON.stringify(timings)}\n`);
});

describe('the web app in Chromium', () => {
  it('serves a small bundle that paints fast', async () => {
    const { web } = localStack();
    const html = await (await fetch(web)).text();
    const sizes: Record<string, { raw: number; gzip: number }> = {};
    for (const asset of ['/app.js', '/app.css']) {
      const body = Buffer.from(await (await fetch(`${web}${asset}`)).arrayBuffer());
      sizes[asset] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    }
    timings.bundleBytes = sizes;
    expect(html).toContain('/app.js?v=');
    // a budget: the whole app, Preact and the SDK in well under 100 KB compressed
    expect((sizes['/app.js'] as { gzip: number }).gzip).toBeLessThan(60_000);
  });

  it('two people register, chat in real time, see typing, presence, unread badges and an image, and keep it after a reload', async () => {
    const ada = uniqueUsername('ada');
    const bob = uniqueUsername('bob');
    const roomName = `lounge ${Date.now().toString(36)}`;
    const a = await newPage();
    const b = await newPage();
    try {
      await conversation(a, b, ada, bob, roomName);
    } catch (error) {
      // what each page showed when it failed
      await a.screenshot({ path: path.join(OUTPUT, 'failure-a.png') }).catch(() => undefined);
      await b.screenshot({ path: path.join(OUTPUT, 'failure-b.png') }).catch(() => undefined);
      throw error;
    }
  });
});

async function conversation(a: Page, b: Page, ada: string, bob: string, roomName: string): Promise<void> {
  const loadStarted = Date.now();
  await register(a, ada);
  timings.registerToOnlineMs = Date.now() - loadStarted;
  timings.firstLoadPaint = await paintTimings(a);
  await register(b, bob);

  // Ada creates a public room; Bob finds it and joins
  await a.getByRole('button', { name: 'Create a room' }).first().click();
  await a.getByLabel('Name').fill(roomName);
  await a.getByLabel(/^Topic/).fill('Everything and nothing');
  await a.getByRole('button', { name: 'Create', exact: true }).click();
  await roomTitle(a)
    .filter({ hasText: `# ${roomName}` })
    .waitFor();

  await b.getByRole('button', { name: 'Browse public rooms' }).click();
  const listed = b.getByRole('listitem').filter({ hasText: roomName });
  await listed.getByRole('button', { name: 'Join' }).click();
  await roomTitle(b)
    .filter({ hasText: `# ${roomName}` })
    .waitFor();
  await a.getByText('2 members').waitFor();

  // typing shows on the other side, then the message arrives live
  await composer(a).click();
  await composer(a).pressSequentially('Hello', { delay: 20 });
  const typingAtB = b.getByTestId('typing').getByText(`${ada} is typing…`);
  // a person keeps typing (a typing frame goes at most every 2 s): so does the test, until Bob sees it
  await eventually(
    async () => {
      if (await typingAtB.isVisible()) return true;
      await composer(a).press('Space');
      await composer(a).press('Backspace');
      return typingAtB.waitFor({ timeout: 1_000 }).then(
        () => true,
        () => false,
      );
    },
    { what: 'Bob to see Ada typing', timeoutMs: UI_TIMEOUT_MS },
  );
  await composer(a).pressSequentially(` @${bob.slice(0, 4)}`, { delay: 20 });
  // the mention autocomplete offers Bob; Tab completes it
  await a.getByRole('option', { name: bob }).waitFor();
  await composer(a).press('Tab');
  await composer(a).pressSequentially('welcome!', { delay: 10 });
  const first = `Hello @${bob} welcome!`;
  expect(await composer(a).inputValue()).toBe(first);
  const sentAt = Date.now();
  await composer(a).press('Enter');
  await messages(b).getByText('welcome!').waitFor();
  const deliveries = [Date.now() - sentAt];
  expect(await messages(b).locator('.mention-me').textContent()).toBe(`@${bob}`);
  // the message ends the typing indicator
  await eventually(async () => (await b.getByTestId('typing').textContent()) === '', {
    what: 'typing to end',
  });

  // Shift+Enter is a new line; a few more messages both ways, each timed from Enter to visible
  await composer(b).click();
  await composer(b).press('Shift+Enter');
  expect(await composer(b).inputValue()).toBe('\n');
  await composer(b).fill('');
  for (let i = 1; i <= 3; i += 1) {
    const [from, to] = i % 2 ? [b, a] : [a, b];
    const text = `ping number ${i} from ${from === a ? ada : bob}`;
    await composer(from).fill(text);
    const at = Date.now();
    await composer(from).press('Enter');
    await messages(to).getByText(text).waitFor();
    deliveries.push(Date.now() - at);
  }
  timings.deliveryMs = { each: deliveries, max: Math.max(...deliveries) };

  // Ada fixes a message, Bob takes one back: both sides show the markers
  // (by id: while it is edited, its text is in the edit box, not in the article)
  const secondId = await messages(a)
    .locator('article')
    .filter({ hasText: 'ping number 2' })
    .getAttribute('data-message-id');
  const second = messages(a).locator(`article[data-message-id="${secondId}"]`);
  await second.hover();
  await second.getByRole('button', { name: 'Edit message' }).click();
  await second.getByLabel('Edit message').fill('ping number 2, edited');
  await second.getByLabel('Edit message').press('Enter');
  await messages(b)
    .locator('article')
    .filter({ hasText: 'ping number 2, edited' })
    .getByText('(edited)')
    .waitFor();
  const third = messages(b).locator('article').filter({ hasText: 'ping number 3' });
  await third.hover();
  b.once('dialog', (dialog) => void dialog.accept());
  await third.getByRole('button', { name: 'Delete message' }).click();
  await messages(a).getByText('This message was deleted.').waitFor();

  // offline, a send waits as a local echo and goes out once the network is back
  await b.context().setOffline(true);
  await composer(b).fill('written in a tunnel');
  await composer(b).press('Enter');
  const echo = messages(b).locator('[data-pending]').filter({ hasText: 'written in a tunnel' });
  await echo.getByText('Waiting to retry…').waitFor();
  await b.context().setOffline(false);
  await messages(a).getByText('written in a tunnel').waitFor();
  await eventually(async () => (await messages(b).locator('[data-pending]').count()) === 0, {
    what: 'the local echo to be replaced by the stored message',
  });

  // a reaction from Bob shows at Ada's
  const firstAtBob = messages(b).locator('article').filter({ hasText: 'welcome!' });
  await firstAtBob.hover();
  await firstAtBob.getByRole('button', { name: 'Add a reaction' }).click();
  await firstAtBob.getByRole('button', { name: 'React with 👍' }).click();
  await messages(a)
    .locator('article')
    .filter({ hasText: 'welcome!' })
    .locator('.reaction .count')
    .getByText('1')
    .waitFor();

  // a thread: Bob replies to Ada's message; Ada opens the thread and reads it
  await firstAtBob.hover();
  await firstAtBob.getByRole('button', { name: 'Reply in thread' }).click();
  const threadAtBob = b.getByRole('complementary', { name: 'Thread' });
  await threadAtBob.locator('#thread-composer').fill('Thanks, glad to be here');
  await threadAtBob.locator('#thread-composer').press('Enter');
  await threadAtBob.getByRole('log').getByText('Thanks, glad to be here').waitFor();
  const firstAtAda = messages(a).locator('article').filter({ hasText: 'welcome!' });
  await firstAtAda.hover();
  await firstAtAda.getByRole('button', { name: 'Reply in thread' }).click();
  const threadAtAda = a.getByRole('complementary', { name: 'Thread' });
  await threadAtAda.getByText('Thanks, glad to be here').waitFor();
  await threadAtBob.getByRole('button', { name: 'Close thread' }).click();
  // the parent counts the reply at once (its summary on the server follows in seconds)
  await messages(b).getByRole('button', { name: '1 reply' }).waitFor();

  // Bob's inbox has Ada's mention
  await b.getByRole('button', { name: /^Notifications/ }).click();
  await b.getByRole('dialog', { name: 'Notifications' }).getByText('mentioned you').waitFor();
  await b.keyboard.press('Escape');

  // an image: uploaded with a presigned PUT, shown from a presigned GET on both sides
  const picture = await pictureOf('Greetings from the lounge');
  await a
    .getByTestId('composer-file')
    .setInputFiles({ name: 'sidebar.png', mimeType: 'image/png', buffer: picture });
  await a.getByRole('list', { name: 'Attachments to send' }).getByText(/KB|B$/).waitFor();
  await composer(a).press('Enter');
  const imageAtBob = messages(b).getByRole('img', { name: 'sidebar.png' });
  await imageAtBob.waitFor();
  // the image really loaded (a broken one has no natural width)
  await imagesLoaded(b, 'sidebar.png', 240);

  // presence and unread badges: Ada opens a DM with Bob, who sees it in his list with a badge
  await a.getByRole('button', { name: 'New direct message' }).click();
  await a.getByLabel('Username').fill(bob);
  await a.getByRole('listitem').filter({ hasText: bob }).getByRole('button', { name: 'Message' }).click();
  await roomTitle(a).filter({ hasText: bob }).getByRole('img', { name: 'online' }).waitFor();
  await composer(a).fill('psst, a private word');
  await composer(a).press('Enter');
  const dmAtBob = b.getByRole('navigation', { name: 'Rooms' }).locator('button[data-room-id^="dm_"]');
  await dmAtBob.getByText('psst, a private word').waitFor();
  await dmAtBob.getByLabel('1 unread').waitFor();
  await dmAtBob.click();
  await messages(b).getByText('psst, a private word').waitFor();
  await eventually(async () => (await dmAtBob.locator('.badge').count()) === 0, { what: 'the badge to go' });

  // back in the room on a desktop and on a phone: screenshots
  await a
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('button', { name: new RegExp(roomName) })
    .click();
  await messages(a).getByRole('img', { name: 'sidebar.png' }).waitFor();
  await imagesLoaded(a, 'sidebar.png', 240);
  await a.screenshot({ path: path.join(OUTPUT, 'chat-desktop.png') });

  const phone = await newPage({ width: 390, height: 844 }, JSON.stringify(await contexts[0]?.storageState()));
  const reloadStarted = Date.now();
  await phone.goto(`${localStack().web}/`);
  // the session was kept: no sign-in form, straight to the room list
  await phone
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('button', { name: new RegExp(roomName) })
    .click();
  await messages(phone).getByText('welcome!').waitFor();
  await messages(phone).getByText('written in a tunnel').waitFor();
  timings.reloadToHistoryMs = Date.now() - reloadStarted;
  timings.reloadPaint = await paintTimings(phone);
  await messages(phone).getByRole('img', { name: 'sidebar.png' }).waitFor();
  await phone.screenshot({ path: path.join(OUTPUT, 'chat-phone.png') });

  // Ada reloads: still signed in, the history is there, the connection comes back
  await a.reload();
  await messages(a).getByText('welcome!').waitFor();
  await messages(a).getByText('ping number 2, edited').waitFor();
  await a.getByTestId('connection').getByText('Online').waitFor();
  await b.screenshot({ path: path.join(OUTPUT, 'dm-desktop.png') });

  // (delivery times are recorded, not asserted: each wait above already bounds them)
  expect(pageErrors).toEqual([]);
}
