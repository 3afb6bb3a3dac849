/**
 * Browser entry bundled by the end-to-end test and served in place of
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js: installs the fake Office and Excel
 * globals over the workbook the test put on window.__HEFEN_E2E__ (an init script), and leaves the
 * fake on window.__hefenFake so the test can look at syncs, calls, selection and highlights.
 * Excel.createWorkbook is there too (refused with `refuseCreateWorkbook`); the base64 of every
 * workbook it opened is on window.__hefenCreated. `url` is the document's address (Office's
 * document.url), which names the review workbook.
 */
import { addCreateWorkbook, installFakeOffice, type FakeOffice, type FakeOfficeOptions, type FakeWorkbook } from '../support/fake-office.js';

interface E2EWindow {
  __HEFEN_E2E__?: { workbook: FakeWorkbook; options?: FakeOfficeOptions; refuseCreateWorkbook?: boolean; url?: string };
  __hefenFake?: FakeOffice;
  __hefenCreated?: string[];
}

const w = window as unknown as E2EWindow;
const setup = w.__HEFEN_E2E__;
if (!setup) throw new Error('端到端测试没有提供工作簿（window.__HEFEN_E2E__）');
const fake = installFakeOffice(window, setup.workbook, setup.options);
w.__hefenFake = fake;
w.__hefenCreated = addCreateWorkbook(fake, { refuse: setup.refuseCreateWorkbook }).opened;
if (setup.url) (fake.Office as { context: { document: { url?: string } } }).context.document.url = setup.url;
