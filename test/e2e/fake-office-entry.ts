/**
 * Browser entry bundled by the end-to-end test and served in place of
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js: installs the fake Office and Excel
 * globals over the workbook the test put on window.__HEFEN_E2E__ (an init script), and leaves the
 * fake on window.__hefenFake so the test can look at syncs, calls, selection and highlights.
 */
import { installFakeOffice, type FakeOffice, type FakeOfficeOptions, type FakeWorkbook } from '../support/fake-office.js';

interface E2EWindow {
  __HEFEN_E2E__?: { workbook: FakeWorkbook; options?: FakeOfficeOptions };
  __hefenFake?: FakeOffice;
}

const w = window as unknown as E2EWindow;
const setup = w.__HEFEN_E2E__;
if (!setup) throw new Error('端到端测试没有提供工作簿（window.__HEFEN_E2E__）');
w.__hefenFake = installFakeOffice(window, setup.workbook, setup.options);
