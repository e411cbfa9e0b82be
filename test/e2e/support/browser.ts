import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Harness } from '../../integration/support/harness';

/**
 * The web application in Debian's Chromium (installed by scripts/test.sh; browsers cannot be downloaded here),
 * headless, each person in a browser context of their own: their own session, as on their own computer.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--no-first-run',
];

const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

/** Builds web/dist (esbuild, under a second) so the test runs the pages of this checkout. */
export function buildWebApp(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-web.mjs')], { stdio: 'pipe' });
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: scripts/test.sh installs Debian's chromium (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Serves the harness's app on a free port of 127.0.0.1; returns its base URL. */
export async function serve(h: Harness): Promise<string> {
  await h.app.listen(0, '127.0.0.1');
  const address = h.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** One person at their browser: a context (cookies, sessionStorage) and a page. */
export class Person {
  private constructor(
    readonly label: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly base: string,
  ) {}

  static async open(browser: Browser, base: string, label: string, options: { phone?: boolean } = {}): Promise<Person> {
    const context = await browser.newContext({
      viewport: options.phone ? PHONE : DESKTOP,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      ...(options.phone ? { isMobile: true, hasTouch: true } : {}),
    });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    return new Person(label, context, page, base);
  }

  /** Logs in through the login page and waits for the inbox. */
  async login(username: string, password: string, page: Page = this.page): Promise<void> {
    await page.goto(`${this.base}/app/`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Việc chờ xử lý' }).waitFor();
  }

  /** A second tab of the same person (its own login: tokens live in the tab's sessionStorage). */
  async secondTab(username: string, password: string): Promise<Page> {
    const page = await this.context.newPage();
    await this.login(username, password, page);
    return page;
  }

  async go(pathBelowApp: string, page: Page = this.page): Promise<void> {
    await page.goto(`${this.base}/app${pathBelowApp}`);
  }

  async screenshot(name: string, page: Page = this.page): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** The inbox row whose title contains `text`. */
  task(text: string | RegExp): Locator {
    return this.page.locator('li.task', { hasText: text });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Waits until the text is on the page (pages refresh themselves while others act). */
export async function see(scope: Page | Locator, text: string | RegExp, timeout = 30_000): Promise<void> {
  try {
    await scope.getByText(text).first().waitFor({ timeout });
  } catch (err) {
    // What the person saw instead, kept beside the other screenshots.
    const page = 'page' in scope ? scope.page() : scope;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const name = `failed-${String(text)
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .slice(0, 60)}.png`;
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true }).catch(() => undefined);
    throw err;
  }
}

/** The text of the alert that shows a refusal (the API's Vietnamese message). */
export async function alertText(page: Page): Promise<string> {
  const alert = page.locator('.alert-error .alert-message').first();
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}
