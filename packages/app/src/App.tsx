import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import platformOpsPlugin from '@platformops/plugin-platform-ops/alpha';
import { navModule } from './modules/nav';

/*
 * The app of this repository, on the new frontend system. Other plugins listed in
 * package.json are discovered (app.packages: all); Platform Ops is named explicitly because
 * this is the reference wiring adopters copy.
 */
export default createApp({
  features: [catalogPlugin, platformOpsPlugin, navModule],
});
