/**
 * Halo finding: {@link org.distill.physics.cosmo.halos.FriendsOfFriends} (linking length b = 0.2 of the mean
 * interparticle distance, periodic, cell lists and union–find) returning a {@link org.distill.physics.cosmo.HaloCatalog}.
 */
package org.distill.physics.cosmo.halos;
